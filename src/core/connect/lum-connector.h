/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lum-http.h"
#include "lum-rate-limiter.h"
#include "model/lum-enums.h"
#include "model/lum-integration.h"
#include "model/lum-shipment.h"

G_BEGIN_DECLS

/**
 * LumPushItem:
 * @job_id: the outbox row
 * @kind: push or cancel
 * @order_number: referenceNum / orderNumber
 * @order_key: the order's UUID (ShipStation orderKey)
 * @payload: the body to send, mappings applied
 * @may_have_arrived: an earlier attempt may have reached the service
 * @remote_id: (out): the service's id of the order
 * @error: (out): why this item failed
 * @sent: (out) (nullable): the request that carried this order and its
 *   answer, set by the connector's request path for the message it was
 *   told of with lum_push_item_watch()
 *
 * One order of a push; a connector fills in @remote_id or @error.
 */
typedef struct
{
  gint64      job_id;
  LumJobKind  kind;
  char       *order_number;
  char       *order_key;
  JsonNode   *payload;
  gboolean    may_have_arrived;
  char       *remote_id;
  GError          *error;
  LumHttpExchange *sent;
} LumPushItem;

LumPushItem *lum_push_item_new  (gint64      job_id,
                                 LumJobKind  kind,
                                 const char *order_number,
                                 const char *order_key,
                                 JsonNode   *payload);
void         lum_push_item_free (LumPushItem *item);
void         lum_push_item_watch (LumPushItem *item,
                                  SoupMessage *message,
                                  JsonNode    *own_body);

/**
 * LumRemoteShipment:
 * @shipment: remote id, carrier, service, tracking number, date, voided,
 *   lines (SKU and quantity)
 * @order_key: the order's key at the OMS (Lumen's UUID), if it says
 * @order_number: the order's number (Lumen's SO number)
 *
 * A shipment as an OMS reports it.
 */
typedef struct
{
  LumShipment *shipment;
  char        *order_key;
  char        *order_number;
} LumRemoteShipment;

void lum_remote_shipment_free (LumRemoteShipment *remote);

#define LUM_TYPE_CONNECTOR (lum_connector_get_type ())
G_DECLARE_DERIVABLE_TYPE (LumConnector, lum_connector, LUM, CONNECTOR, GObject)

struct _LumConnectorClass
{
  GObjectClass parent_class;

  /* how many orders one request may carry */
  guint        batch_size;
  /* a 2xx answer may carry an error (QuickBooks' Fault): what
   * error_message() finds in one is a refusal */
  gboolean     errors_in_success;

  /* The service's own words in an answer (@root is its JSON, or %NULL
   * when it is not JSON), for the error a failed status becomes. */
  char        *(*error_message)     (LumConnector        *self,
                                     LumHttpResponse     *response,
                                     JsonNode            *root);

  /* Adds credentials to @message; may fetch a token first. */
  void         (*authorize_async)   (LumConnector        *self,
                                     SoupMessage         *message,
                                     gboolean             renew,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
  gboolean     (*authorize_finish)  (LumConnector        *self,
                                     GAsyncResult        *result,
                                     GError             **error);
  void         (*push_async)        (LumConnector        *self,
                                     GPtrArray           *items,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
  void         (*list_stores_async) (LumConnector        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
  void         (*test_async)        (LumConnector        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
  void         (*poll_async)        (LumConnector        *self,
                                     const char          *store_id,
                                     const char          *since,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
  /* the OMS's own warehouses (ShipStation) or facilities (Extensiv) */
  void         (*list_warehouses_async) (LumConnector    *self,
                                         GCancellable    *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer         user_data);
  /* Every page of the stock the OMS reports (of @sku alone unless
   * %NULL), as a GPtrArray of LumStockLevel; %NULL in a class whose API
   * reports no stock (ShipStation V1). */
  void         (*read_stock_async)  (LumConnector        *self,
                                     const char          *sku,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
};

LumConnector   *lum_connector_new                (LumIntegration      *integration,
                                                  SoupSession         *session);
LumIntegration *lum_connector_get_integration    (LumConnector        *self);
LumRateLimiter *lum_connector_get_limiter        (LumConnector        *self);
SoupSession    *lum_connector_get_session        (LumConnector        *self);
guint           lum_connector_get_batch_size     (LumConnector        *self);
const char     *lum_connector_get_service_name   (LumConnector        *self);
char           *lum_connector_dup_url            (LumConnector        *self,
                                                  const char          *path);
void            lum_connector_set_secret         (LumConnector        *self,
                                                  const char          *name,
                                                  const char          *value);
const char     *lum_connector_get_secret         (LumConnector        *self,
                                                  const char          *name);
void            lum_connector_load_secrets_async (LumConnector        *self,
                                                  const char * const  *names,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        lum_connector_load_secrets_finish (LumConnector       *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

/* One authorised, rate-limited request; renews credentials once on 401. */
void             lum_connector_request_async     (LumConnector        *self,
                                                  SoupMessage         *message,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
LumHttpResponse *lum_connector_request_finish    (LumConnector        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
JsonNode        *lum_connector_request_json_finish (LumConnector       *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);
gboolean         lum_connector_check_answer      (LumConnector        *self,
                                                  LumHttpResponse     *response,
                                                  JsonNode           **root,
                                                  GError             **error);

void            lum_connector_push_async         (LumConnector        *self,
                                                  GPtrArray           *items,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        lum_connector_push_finish        (LumConnector        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void            lum_connector_list_stores_async  (LumConnector        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GListStore     *lum_connector_list_stores_finish (LumConnector        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* (element-type LumRemoteStore): each warehouse's id and name at the OMS */
void            lum_connector_list_warehouses_async  (LumConnector    *self,
                                                      GCancellable    *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer         user_data);
GListStore     *lum_connector_list_warehouses_finish (LumConnector    *self,
                                                      GAsyncResult    *result,
                                                      GError         **error);
void            lum_connector_test_async         (LumConnector        *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char           *lum_connector_test_finish        (LumConnector        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void            lum_connector_poll_async         (LumConnector        *self,
                                                  const char          *store_id,
                                                  const char          *since,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray      *lum_connector_poll_finish        (LumConnector        *self,
                                                  GAsyncResult        *result,
                                                  char               **latest,
                                                  GError             **error);

gboolean        lum_connector_reports_stock      (LumConnector        *self);
void            lum_connector_read_stock_async   (LumConnector        *self,
                                                  const char          *sku,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray      *lum_connector_read_stock_finish  (LumConnector        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* For connectors: what a poll returns. */
void            lum_connector_return_poll        (GTask               *task,
                                                  GPtrArray           *shipments,
                                                  const char          *latest);

G_END_DECLS
