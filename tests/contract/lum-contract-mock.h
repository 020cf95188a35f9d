/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/*
 * One remote API of the contract suite: Stoplight Prism serving the
 * public description of the API with request validation on, and in front
 * of it a recording relay on a loopback port that the connector's base URL
 * points at. The relay hands every request to Prism unchanged, reads
 * Prism's verdict on it (its 422 answer, its `sl-violations` header) and
 * gives the connector Prism's answer. It only adapts what the description
 * itself cannot express: QuickBooks' server URL carries the company path
 * (/v3/company/{realmId}), which Prism does not strip, and Intuit's token
 * endpoint is on another host and in no description.
 *
 * A request whose only violations are named exceptions (see
 * lum-contract-exceptions.c) is repaired where the exception says how,
 * and sent again, so that the connector sees the description's example
 * answer and the later steps of its flow are checked too.
 */

typedef struct _LumContractMock LumContractMock;

typedef struct
{
  gboolean    request;     /* FALSE: Prism's own answer against the description */
  char       *location;    /* "body.orderDate", "query.createDateStart", "path" */
  char       *code;        /* "format", "required", "type", "NO_PATH_MATCHED_ERROR", … */
  char       *message;     /* Prism's words */
  const char *exception;   /* the named exception it falls under, or %NULL */
  const char *reason;
  gboolean    repaired;    /* the relay sent a repaired request to get an answer */
} LumContractViolation;

typedef struct
{
  char      *service;
  char      *method;
  char      *path;         /* as the connector sent it, with its query */
  char      *body;
  guint      status;       /* what the connector was answered */
  char      *answer;       /* the answer's body, for the report */
  GPtrArray *violations;   /* LumContractViolation */
} LumContractExchange;

typedef enum
{
  LUM_CONTRACT_SHIPSTATION,
  LUM_CONTRACT_EXTENSIV,
  LUM_CONTRACT_QUICKBOOKS,
  LUM_CONTRACT_SHIPSTATION_V2,
} LumContractService;

#define LUM_CONTRACT_REALM "9130357766900456"

LumContractMock *lum_contract_mock_start      (LumContractService   service,
                                               const char          *prism,
                                               const char          *description,
                                               GError             **error);
gboolean         lum_contract_mock_wait_ready (LumContractMock     **mocks,
                                               guint                n_mocks,
                                               guint                timeout_s,
                                               GError             **error);
void             lum_contract_mock_free       (LumContractMock      *mock);
const char      *lum_contract_mock_get_url    (LumContractMock      *mock);
const char      *lum_contract_mock_get_name   (LumContractMock      *mock);
GPtrArray       *lum_contract_mock_get_exchanges (LumContractMock   *mock);
void             lum_contract_mock_clear      (LumContractMock      *mock);
/* Answers the next request whose path starts with @path_prefix and whose
 * query contains @query_part with @json instead of Prism's example (the
 * request is still validated by Prism). For flows whose example answer
 * cannot lead to the step under test. */
void             lum_contract_mock_answer     (LumContractMock      *mock,
                                               const char          *method,
                                               const char          *path_prefix,
                                               const char          *query_part,
                                               guint                status,
                                               const char          *json);
/* Lines of Prism's log with a `[VALIDATOR] ✖` that no recorded violation
 * explains (after the log has caught up with every request). */
GPtrArray       *lum_contract_mock_unexplained_log (LumContractMock *mock);

void             lum_contract_exchange_free   (LumContractExchange  *exchange);

/* lum-contract-exceptions.c */
void             lum_contract_classify        (LumContractService    service,
                                               const char           *method,
                                               const char           *path,
                                               JsonNode             *body,
                                               GHashTable           *query,
                                               LumContractViolation *violation);
gboolean         lum_contract_repair          (LumContractViolation *violation,
                                               JsonNode             *body,
                                               GHashTable           *query);

G_END_DECLS
