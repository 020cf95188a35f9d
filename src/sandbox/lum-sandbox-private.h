/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "lum-sandbox.h"
#include "lum-sandbox-util.h"

G_BEGIN_DECLS

typedef struct _LumSandboxShipstation LumSandboxShipstation;
typedef struct _LumSandboxExtensiv    LumSandboxExtensiv;
typedef struct _LumSandboxQuickbooks  LumSandboxQuickbooks;

/*
 * One request and its answer. The services read the request fields and fill
 * in the answer; the sandbox applies the faults and writes it out. A request
 * made through lum_sandbox_control() has no SoupServerMessage.
 */
typedef struct
{
  LumSandbox         *sandbox;        /* borrowed */
  SoupServerMessage  *msg;            /* owned, NULL without HTTP */
  char               *service;        /* "shipstation", "extensiv", "quickbooks", "control" */
  char               *method;
  char               *path;           /* below the service prefix, e.g. "/orders/createorder" */
  char               *query;          /* raw, or NULL */
  GHashTable         *params;         /* decoded query: char * → char * */
  SoupMessageHeaders *headers;        /* request headers, borrowed */
  GBytes             *body;

  guint               status;
  char               *content_type;
  GBytes             *reply;
  SoupMessageHeaders *reply_headers;
  const char         *json_type;      /* content type of JSON answers */
  JsonNode           *reply_json;     /* for lum_sandbox_control() */
  gboolean            keep_json;
  GSList             *on_finished;    /* LumSandboxFinish, run once when done */
} LumSandboxRequest;

typedef void (*LumSandboxFinishFunc) (gpointer data);

LumSandboxRequest *lum_sandbox_request_new       (LumSandbox         *sandbox,
                                                  const char         *service,
                                                  const char         *method,
                                                  const char         *path);
void               lum_sandbox_request_free      (LumSandboxRequest  *req);
const char        *lum_sandbox_request_param     (LumSandboxRequest  *req,
                                                  const char         *name);
void               lum_sandbox_request_reply     (LumSandboxRequest  *req,
                                                  guint               status,
                                                  const char         *content_type,
                                                  const char         *body,
                                                  gssize              length);
void               lum_sandbox_request_reply_json (LumSandboxRequest *req,
                                                  guint               status,
                                                  JsonNode           *node);
void               lum_sandbox_request_reply_object (LumSandboxRequest *req,
                                                  guint               status,
                                                  JsonObject         *object);
void               lum_sandbox_request_set_header (LumSandboxRequest *req,
                                                  const char         *name,
                                                  const char         *value);
JsonNode          *lum_sandbox_request_parse_json (LumSandboxRequest *req,
                                                  GError            **error);
void               lum_sandbox_request_on_finished (LumSandboxRequest *req,
                                                  LumSandboxFinishFunc func,
                                                  gpointer            data);
void               lum_sandbox_request_run_finished (LumSandboxRequest *req);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumSandboxRequest, lum_sandbox_request_free)

/* Fixed windows of N requests per key. */
typedef struct _LumSandboxRateLimit LumSandboxRateLimit;

LumSandboxRateLimit *lum_sandbox_rate_limit_new    (guint                requests,
                                                    guint                window_ms);
void                 lum_sandbox_rate_limit_free   (LumSandboxRateLimit *limit);
void                 lum_sandbox_rate_limit_set    (LumSandboxRateLimit *limit,
                                                    guint                requests,
                                                    guint                window_ms);
void                 lum_sandbox_rate_limit_clear  (LumSandboxRateLimit *limit);
gboolean             lum_sandbox_rate_limit_take   (LumSandboxRateLimit *limit,
                                                    const char          *key,
                                                    guint               *limit_out,
                                                    guint               *remaining,
                                                    guint               *reset_seconds);

/* Requests in flight per key, released when their answer is written. */
typedef struct _LumSandboxSlots LumSandboxSlots;

LumSandboxSlots *lum_sandbox_slots_new     (guint              max);
void             lum_sandbox_slots_free    (LumSandboxSlots   *slots);
void             lum_sandbox_slots_set_max (LumSandboxSlots   *slots,
                                            guint              max);
gboolean         lum_sandbox_slots_take    (LumSandboxSlots   *slots,
                                            LumSandboxRequest *req,
                                            const char        *key);

/* Faults injected into the answers of one service: lum-sandbox-faults.c */
typedef struct _LumSandboxFaults LumSandboxFaults;

typedef struct
{
  guint    status;       /* answer this instead of handling; 0: handle */
  guint    retry_after;  /* seconds, with an injected 429 or 503 */
  gboolean malformed;    /* answer 200 with the body cut short */
  GBytes  *body;         /* answer 200 with this text instead (owned), or NULL */
  gboolean reset;        /* drop the connection instead of answering */
  guint    latency_ms;
} LumSandboxFaultPlan;

LumSandboxFaults *lum_sandbox_faults_new       (void);
void              lum_sandbox_faults_free      (LumSandboxFaults    *faults);
void              lum_sandbox_faults_clear     (LumSandboxFaults    *faults);
gboolean          lum_sandbox_faults_configure (LumSandboxFaults    *faults,
                                                JsonObject          *spec,
                                                GError             **error);
void              lum_sandbox_faults_plan      (LumSandboxFaults    *faults,
                                                const char          *path,
                                                LumSandboxFaultPlan *plan);
JsonObject       *lum_sandbox_faults_describe  (LumSandboxFaults    *faults);

/* What was received: lum-sandbox-log.c */
typedef struct _LumSandboxLog LumSandboxLog;

LumSandboxLog *lum_sandbox_log_new    (void);
void           lum_sandbox_log_free   (LumSandboxLog     *log);
void           lum_sandbox_log_clear  (LumSandboxLog     *log);
void           lum_sandbox_log_append (LumSandboxLog     *log,
                                       LumSandboxRequest *req,
                                       gint64             now);
guint          lum_sandbox_log_count  (LumSandboxLog     *log,
                                       const char        *service,
                                       const char        *method,
                                       const char        *path_prefix);
JsonArray     *lum_sandbox_log_dump   (LumSandboxLog     *log);

/* The sandbox's instance, shared by lum-sandbox.c (the object and its API)
 * and lum-sandbox-server.c (the HTTP side). */
enum
{
  SERVICE_SHIPSTATION,
  SERVICE_EXTENSIV,
  SERVICE_QUICKBOOKS,
  N_SERVICES
};

struct _LumSandbox
{
  GObject                parent_instance;

  GRecMutex              lock;
  SoupServer            *server;
  GMainContext          *context;
  GThread               *thread;
  GMainLoop             *thread_loop;
  GMutex                 start_mutex;
  GCond                  start_cond;
  gboolean               start_done;
  GError                *start_error;
  char                  *address;
  guint16                requested_port;
  guint16                port;
  GHashTable            *delayed;

  LumSandboxShipstation *shipstation;
  LumSandboxExtensiv    *extensiv;
  LumSandboxQuickbooks  *quickbooks;
  LumSandboxFaults      *faults[N_SERVICES];
  LumSandboxLog         *log;

  LumSandboxClockFunc    clock_func;
  gpointer               clock_data;
  GDestroyNotify         clock_destroy;
  gboolean               fixed_time;
  gint64                 fixed_us;
  gint64                 offset_us;
};

extern const char * const lum_sandbox_service_names[N_SERVICES];

int       lum_sandbox_service_index          (const char        *service);
gboolean  lum_sandbox_server_start           (LumSandbox        *self,
                                              GError           **error);
void      lum_sandbox_server_stop            (LumSandbox        *self);
gpointer  lum_sandbox_server_thread          (gpointer           data);
void      lum_sandbox_emit_request_received  (LumSandbox        *self,
                                              LumSandboxRequest *req);

/* Shared by the services */
gint64             lum_sandbox_now_locked          (LumSandbox *self);
void               lum_sandbox_lock                (LumSandbox *self);
void               lum_sandbox_unlock              (LumSandbox *self);
LumSandboxShipstation *lum_sandbox_get_shipstation (LumSandbox *self);
LumSandboxExtensiv    *lum_sandbox_get_extensiv    (LumSandbox *self);
LumSandboxQuickbooks  *lum_sandbox_get_quickbooks  (LumSandbox *self);
gboolean           lum_sandbox_set_faults_locked   (LumSandbox *self,
                                                    JsonObject *spec,
                                                    GError    **error);
void               lum_sandbox_clear_faults_locked (LumSandbox *self,
                                                    const char *service);
void               lum_sandbox_reset_locked        (LumSandbox *self);
JsonNode          *lum_sandbox_dump_locked         (LumSandbox *self);
guint              lum_sandbox_count_requests_locked (LumSandbox *self,
                                                    const char *service,
                                                    const char *method,
                                                    const char *path_prefix);
gboolean           lum_sandbox_set_clock_locked    (LumSandbox *self,
                                                    JsonObject *spec,
                                                    GError    **error);
gboolean           lum_sandbox_set_rate_limit_locked (LumSandbox *self,
                                                    const char *service,
                                                    guint       requests,
                                                    guint       window_ms);
gboolean           lum_sandbox_is_service          (const char *service);

/* Stock (lum-sandbox-stock.c, lum-sandbox-extensiv-stock.c) */
#define MAX_STOCK_QUANTITY 100000000

const char *lum_sandbox_unknown_param                (LumSandboxRequest     *req,
                                                      const char * const    *allowed);
gboolean    lum_sandbox_read_quantity                (JsonObject            *spec,
                                                      const char            *name,
                                                      gboolean               required,
                                                      gint64                *value,
                                                      GError               **error);
void        lum_sandbox_shipstation_v2_inventory     (LumSandboxShipstation *ss,
                                                      LumSandboxRequest     *req);
JsonObject *lum_sandbox_shipstation_set_inventory_locked (LumSandboxShipstation *ss,
                                                          JsonObject            *spec,
                                                          GError               **error);
void        lum_sandbox_extensiv_stock_summaries     (LumSandboxExtensiv    *ext,
                                                      LumSandboxRequest     *req);
JsonObject *lum_sandbox_extensiv_set_stock_locked    (LumSandboxExtensiv    *ext,
                                                      JsonObject            *spec,
                                                      GError               **error);

/* ShipStation: lum-sandbox-shipstation.c */
LumSandboxShipstation *lum_sandbox_shipstation_new   (LumSandbox            *sandbox);
void        lum_sandbox_shipstation_free             (LumSandboxShipstation *ss);
void        lum_sandbox_shipstation_reset            (LumSandboxShipstation *ss);
void        lum_sandbox_shipstation_handle           (LumSandboxShipstation *ss,
                                                      LumSandboxRequest     *req);
void        lum_sandbox_shipstation_set_credentials  (LumSandboxShipstation *ss,
                                                      const char            *key,
                                                      const char            *secret,
                                                      gboolean               replace);
void        lum_sandbox_shipstation_set_rate_limit   (LumSandboxShipstation *ss,
                                                      guint                  requests,
                                                      guint                  window_ms);
JsonObject *lum_sandbox_shipstation_dump             (LumSandboxShipstation *ss);
JsonNode   *lum_sandbox_shipstation_records          (LumSandboxShipstation *ss,
                                                      const char            *kind,
                                                      guint                 *count);
JsonObject *lum_sandbox_shipstation_add_warehouse_locked (LumSandboxShipstation *ss,
                                                         JsonObject            *spec,
                                                         GError               **error);
JsonObject *lum_sandbox_shipstation_add_store_locked (LumSandboxShipstation *ss,
                                                      JsonObject            *spec,
                                                      GError               **error);
JsonObject *lum_sandbox_shipstation_upsert           (LumSandboxShipstation *ss,
                                                      JsonObject            *order,
                                                      GError               **error);
JsonObject *lum_sandbox_shipstation_ship_locked      (LumSandboxShipstation *ss,
                                                      JsonObject            *spec,
                                                      GError               **error);
JsonObject *lum_sandbox_shipstation_void_locked      (LumSandboxShipstation *ss,
                                                      JsonObject            *spec,
                                                      GError               **error);

/* Extensiv 3PL Warehouse Manager: lum-sandbox-extensiv.c */
LumSandboxExtensiv *lum_sandbox_extensiv_new         (LumSandbox         *sandbox);
void        lum_sandbox_extensiv_free                (LumSandboxExtensiv *ext);
void        lum_sandbox_extensiv_reset               (LumSandboxExtensiv *ext);
void        lum_sandbox_extensiv_handle              (LumSandboxExtensiv *ext,
                                                      LumSandboxRequest  *req);
void        lum_sandbox_extensiv_set_credentials     (LumSandboxExtensiv *ext,
                                                      const char         *client_id,
                                                      const char         *client_secret,
                                                      const char         *tpl,
                                                      const char         *user_login_id);
void        lum_sandbox_extensiv_set_token_lifetime  (LumSandboxExtensiv *ext,
                                                      guint               seconds);
void        lum_sandbox_extensiv_set_rate_limit      (LumSandboxExtensiv *ext,
                                                      guint               requests,
                                                      guint               window_ms);
void        lum_sandbox_extensiv_expire_tokens       (LumSandboxExtensiv *ext);
JsonObject *lum_sandbox_extensiv_dump                (LumSandboxExtensiv *ext);
JsonNode   *lum_sandbox_extensiv_records             (LumSandboxExtensiv *ext,
                                                      const char         *kind,
                                                      guint              *count);
JsonObject *lum_sandbox_extensiv_close_locked        (LumSandboxExtensiv *ext,
                                                      JsonObject         *spec,
                                                      GError            **error);
JsonObject *lum_sandbox_extensiv_add_customer_locked (LumSandboxExtensiv *ext,
                                                      JsonObject         *spec,
                                                      GError            **error);
JsonObject *lum_sandbox_extensiv_add_facility_locked (LumSandboxExtensiv *ext,
                                                      JsonObject         *spec,
                                                      GError            **error);

/* QuickBooks Online: lum-sandbox-quickbooks.c, lum-sandbox-qbo-query.c */
LumSandboxQuickbooks *lum_sandbox_quickbooks_new     (LumSandbox           *sandbox);
void        lum_sandbox_quickbooks_free              (LumSandboxQuickbooks *qb);
void        lum_sandbox_quickbooks_reset             (LumSandboxQuickbooks *qb);
void        lum_sandbox_quickbooks_handle            (LumSandboxQuickbooks *qb,
                                                      LumSandboxRequest    *req);
void        lum_sandbox_quickbooks_set_credentials   (LumSandboxQuickbooks *qb,
                                                      const char           *client_id,
                                                      const char           *client_secret,
                                                      const char           *realm_id);
void        lum_sandbox_quickbooks_set_token_lifetime (LumSandboxQuickbooks *qb,
                                                      guint                 seconds);
void        lum_sandbox_quickbooks_set_rate_limit    (LumSandboxQuickbooks *qb,
                                                      guint                 requests,
                                                      guint                 window_ms);
void        lum_sandbox_quickbooks_set_concurrency   (LumSandboxQuickbooks *qb,
                                                      guint                 max);
gboolean    lum_sandbox_quickbooks_configure         (LumSandboxQuickbooks *qb,
                                                      JsonObject           *spec,
                                                      GError              **error);
void        lum_sandbox_quickbooks_set_fault_status  (LumSandboxQuickbooks *qb,
                                                      guint                 status);
void        lum_sandbox_quickbooks_expire_tokens     (LumSandboxQuickbooks *qb);
char       *lum_sandbox_quickbooks_issue_refresh_token_locked (LumSandboxQuickbooks *qb);
gboolean    lum_sandbox_quickbooks_add_redirect_uri  (LumSandboxQuickbooks *qb,
                                                      const char           *uri,
                                                      GError              **error);
gboolean    lum_sandbox_quickbooks_set_production    (LumSandboxQuickbooks *qb,
                                                      gboolean              production,
                                                      GError              **error);
const char *lum_sandbox_quickbooks_get_realm         (LumSandboxQuickbooks *qb);
JsonObject *lum_sandbox_quickbooks_dump              (LumSandboxQuickbooks *qb);
JsonNode   *lum_sandbox_quickbooks_records           (LumSandboxQuickbooks *qb,
                                                      const char           *kind,
                                                      guint                *count);

/* Extensiv's resource query language: lum-sandbox-rql.c */
typedef struct _LumRql LumRql;

LumRql      *lum_rql_parse              (const char  *text,
                                         GError     **error);
gboolean     lum_rql_matches            (LumRql      *rql,
                                         JsonNode    *record);
void         lum_rql_free               (LumRql      *rql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumRql, lum_rql_free)

/* QuickBooks query language: lum-sandbox-qbo-query.c */
typedef struct _LumQboQuery LumQboQuery;

LumQboQuery *lum_qbo_query_parse        (const char  *text,
                                         GError     **error);
void         lum_qbo_query_free         (LumQboQuery *query);
const char  *lum_qbo_query_get_entity   (LumQboQuery *query);
JsonObject  *lum_qbo_query_run          (LumQboQuery *query,
                                         const char  *entity,
                                         GPtrArray   *records);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LumQboQuery, lum_qbo_query_free)

/* Control endpoints: lum-sandbox-control.c */
void        lum_sandbox_control_handle               (LumSandbox        *self,
                                                      LumSandboxRequest *req);

G_END_DECLS
