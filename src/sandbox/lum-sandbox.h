/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * LumSandbox: a local emulator of the three remote APIs Lumen talks to,
 * ShipStation API V1, Extensiv 3PL Warehouse Manager and QuickBooks Online,
 * on one loopback port. Each service lives under its own prefix
 * (http://127.0.0.1:PORT/shipstation, …/extensiv, …/quickbooks) and answers
 * the real API paths below it; control endpoints for tests and demos live
 * under /_sandbox/. State is in memory.
 *
 * Times the sandbox writes are UTC. ShipStation dates are written as the
 * real service writes them, without an offset ("2027-01-05T10:00:00.0000000";
 * the real service means Pacific time), Extensiv ones likewise
 * ("2027-01-05T10:00:00"), QuickBooks ones with an offset.
 *
 * What each service answers (paths below its prefix):
 *   shipstation  Basic key:secret. POST /orders/createorder (upsert by
 *                orderKey), POST /orders/createorders (≤ 100), GET /orders,
 *                GET /orders/{id}, GET /stores, GET /shipments. Errors as
 *                {"Message", "ModelState": {"apiOrder.field": […]}} or
 *                {"Message", "ExceptionMessage"}; X-Rate-Limit-Limit,
 *                -Remaining, -Reset on every authenticated answer, 429 over.
 *   extensiv     POST /AuthServer/api/Token, then Bearer: POST /orders (201;
 *                only SKUs the customer has), GET /orders (rql, pgsiz, pgnum,
 *                detail, itemdetail, sort; items only with detail=OrderItems),
 *                GET /orders/{id} (with an ETag), POST /orders/{id}/canceler
 *                (If-Match; 204), GET /customers, GET /properties/facilities.
 *                application/hal+json; errors {"ErrorCode", "Hint", "Properties"}.
 *   quickbooks   GET /connect/oauth2 (redirects at once with code, state and
 *                realmId), POST /oauth2/v1/tokens/bearer (form; refresh
 *                tokens rotate), POST /oauth2/v1/tokens/revoke, then Bearer
 *                under /v3/company/{realm}: POST customer, item, invoice
 *                (?requestid= replays the first answer), GET {entity}/{id},
 *                GET or POST query. Errors {"Fault": {"Error": [{"Message",
 *                "Detail", "code", "element"}], "type"}, "time"}.
 *   /_sandbox/   GET / lists the control endpoints; see lum-sandbox-control.c.
 *
 * The sandbox runs on the thread-default main context of the thread that
 * calls lum_sandbox_listen(), or on a thread of its own with
 * lum_sandbox_listen_in_thread(). Its public functions may be called from
 * any thread; "request-received" is emitted on the sandbox's context.
 */

/* Credentials the sandbox accepts until told otherwise. */
#define LUM_SANDBOX_SHIPSTATION_KEY           "sandbox-key"
#define LUM_SANDBOX_SHIPSTATION_SECRET        "sandbox-secret"
#define LUM_SANDBOX_EXTENSIV_CLIENT_ID        "sandbox-3pl-client"
#define LUM_SANDBOX_EXTENSIV_CLIENT_SECRET    "sandbox-3pl-secret"
#define LUM_SANDBOX_EXTENSIV_TPL              "{00000000-0000-4000-8000-000000000001}"
#define LUM_SANDBOX_EXTENSIV_USER_LOGIN_ID    "1"
#define LUM_SANDBOX_QUICKBOOKS_CLIENT_ID      "sandbox-qbo-client"
#define LUM_SANDBOX_QUICKBOOKS_CLIENT_SECRET  "sandbox-qbo-secret"
#define LUM_SANDBOX_QUICKBOOKS_REALM          "9130350000000001"
/* the company's income account the sandbox integrations use ("Sales of
 * Product Income"), and names a customer cannot take */
#define LUM_SANDBOX_QUICKBOOKS_INCOME_ACCOUNT "79"
#define LUM_SANDBOX_QUICKBOOKS_VENDOR         "Books by Bessie"
#define LUM_SANDBOX_QUICKBOOKS_EMPLOYEE       "Emily Platt"

/* What the sandbox holds when it starts or is reset. */
#define LUM_SANDBOX_STORE_WHOLESALE           1001   /* "Wholesale" */
#define LUM_SANDBOX_STORE_RETAIL              1002   /* "Retail" */
#define LUM_SANDBOX_EXTENSIV_CUSTOMER         1      /* "Sandbox Customer" */
#define LUM_SANDBOX_EXTENSIV_FACILITY         1      /* "Main Facility" */
#define LUM_SANDBOX_EXTENSIV_FACILITY_EAST    2      /* "East Facility" */
#define LUM_SANDBOX_WAREHOUSE_MAIN            1001   /* "Sandbox Warehouse" (default), V2 "se-1001" */
#define LUM_SANDBOX_WAREHOUSE_EAST            1002   /* "East Warehouse", V2 "se-1002" */

/* Default limits: ShipStation 40 requests per minute per API key,
 * QuickBooks 500 per minute and 10 at once per company. */
#define LUM_SANDBOX_SHIPSTATION_RATE_LIMIT    40
#define LUM_SANDBOX_QUICKBOOKS_RATE_LIMIT     500
#define LUM_SANDBOX_QUICKBOOKS_CONCURRENCY    10
#define LUM_SANDBOX_TOKEN_LIFETIME            3600   /* seconds */

/* Requests larger than this are refused with 413. */
#define LUM_SANDBOX_MAX_BODY                  (8 * 1024 * 1024)
/* JSON nested deeper than this is refused with 400. */
#define LUM_SANDBOX_MAX_DEPTH                 32

/**
 * LumSandboxError:
 * @LUM_SANDBOX_ERROR_INVALID: the request or its arguments are wrong (400)
 * @LUM_SANDBOX_ERROR_NOT_FOUND: the order, shipment, store … does not exist (404)
 * @LUM_SANDBOX_ERROR_CONFLICT: the state does not allow it, e.g. shipping a
 *   cancelled order or voiding a voided shipment (409)
 * @LUM_SANDBOX_ERROR_LISTEN: the server could not listen
 *
 * Errors of the programmatic control functions; the control endpoints answer
 * them with the status in brackets.
 */
typedef enum
{
  LUM_SANDBOX_ERROR_INVALID,
  LUM_SANDBOX_ERROR_NOT_FOUND,
  LUM_SANDBOX_ERROR_CONFLICT,
  LUM_SANDBOX_ERROR_LISTEN,
} LumSandboxError;

#define LUM_SANDBOX_ERROR (lum_sandbox_error_quark ())
GQuark lum_sandbox_error_quark (void);

/* Microseconds since the Unix epoch, UTC (the same shape as LumClockFunc). */
typedef gint64 (*LumSandboxClockFunc) (gpointer user_data);

#define LUM_TYPE_SANDBOX (lum_sandbox_get_type ())
G_DECLARE_FINAL_TYPE (LumSandbox, lum_sandbox, LUM, SANDBOX, GObject)

LumSandbox *lum_sandbox_new                   (void);

/* Server */
gboolean    lum_sandbox_listen                (LumSandbox          *self,
                                               const char          *address,
                                               guint16              port,
                                               GError             **error);
gboolean    lum_sandbox_listen_in_thread      (LumSandbox          *self,
                                               const char          *address,
                                               guint16              port,
                                               GError             **error);
void        lum_sandbox_stop                  (LumSandbox          *self);
guint16     lum_sandbox_get_port              (LumSandbox          *self);
char       *lum_sandbox_dup_base_url          (LumSandbox          *self,
                                               const char          *service);

/* Configuration (kept by lum_sandbox_reset()) */
void        lum_sandbox_set_shipstation_credentials (LumSandbox    *self,
                                                     const char    *api_key,
                                                     const char    *api_secret);
void        lum_sandbox_add_shipstation_credentials (LumSandbox    *self,
                                                     const char    *api_key,
                                                     const char    *api_secret);
void        lum_sandbox_set_extensiv_credentials    (LumSandbox    *self,
                                                     const char    *client_id,
                                                     const char    *client_secret,
                                                     const char    *tpl,
                                                     const char    *user_login_id);
void        lum_sandbox_set_quickbooks_credentials  (LumSandbox    *self,
                                                     const char    *client_id,
                                                     const char    *client_secret,
                                                     const char    *realm_id);
void        lum_sandbox_set_rate_limit        (LumSandbox          *self,
                                               const char          *service,
                                               guint                requests,
                                               guint                window_ms);
void        lum_sandbox_set_concurrency_limit (LumSandbox          *self,
                                               const char          *service,
                                               guint                max_in_flight);
void        lum_sandbox_set_token_lifetime    (LumSandbox          *self,
                                               const char          *service,
                                               guint                seconds);
void        lum_sandbox_set_quickbooks_fault_status (LumSandbox    *self,
                                                     guint          status);
void        lum_sandbox_set_clock             (LumSandbox          *self,
                                               LumSandboxClockFunc  func,
                                               gpointer             user_data,
                                               GDestroyNotify       destroy);
gint64      lum_sandbox_now                   (LumSandbox          *self);

/* Faults, as POST /_sandbox/faults takes them; {"service", "body": TEXT,
 * "path"} answers 200 with TEXT, for hostile-JSON tests (see lum-sandbox.c) */
gboolean    lum_sandbox_set_faults            (LumSandbox          *self,
                                               JsonObject          *spec,
                                               GError             **error);
void        lum_sandbox_clear_faults          (LumSandbox          *self,
                                               const char          *service);

/* State */
void        lum_sandbox_reset                 (LumSandbox          *self);
guint       lum_sandbox_count_requests        (LumSandbox          *self,
                                               const char          *service,
                                               const char          *method,
                                               const char          *path_prefix);
guint       lum_sandbox_count_records         (LumSandbox          *self,
                                               const char          *service,
                                               const char          *kind);
JsonNode   *lum_sandbox_dup_records           (LumSandbox          *self,
                                               const char          *service,
                                               const char          *kind);
JsonNode   *lum_sandbox_dump                  (LumSandbox          *self);

/* The control endpoints, without HTTP: @method and @path as under /_sandbox
 * ("POST", "/shipstation/ship"), @body may be NULL. Returns the JSON answer
 * and sets @status to the HTTP status the endpoint would answer. */
JsonNode   *lum_sandbox_control               (LumSandbox          *self,
                                               const char          *method,
                                               const char          *path,
                                               JsonNode            *body,
                                               guint               *status);

/* Typed shortcuts of the most used control endpoints */
JsonObject *lum_sandbox_shipstation_add_store (LumSandbox          *self,
                                               const char          *store_name,
                                               GError             **error);
JsonObject *lum_sandbox_shipstation_add_order (LumSandbox          *self,
                                               JsonObject          *order,
                                               GError             **error);
JsonObject *lum_sandbox_shipstation_ship      (LumSandbox          *self,
                                               const char          *order_number,
                                               const char          *carrier_code,
                                               const char          *tracking_number,
                                               JsonArray           *items,
                                               GError             **error);
gboolean    lum_sandbox_shipstation_void      (LumSandbox          *self,
                                               gint64               shipment_id,
                                               GError             **error);
JsonObject *lum_sandbox_extensiv_close        (LumSandbox          *self,
                                               const char          *reference_num,
                                               const char          *tracking_number,
                                               const char          *carrier,
                                               GError             **error);
void        lum_sandbox_expire_tokens         (LumSandbox          *self,
                                               const char          *service);
char       *lum_sandbox_quickbooks_issue_refresh_token (LumSandbox *self);
gboolean    lum_sandbox_set_quickbooks_app     (LumSandbox          *self,
                                                gboolean             production,
                                                GError             **error);
gboolean    lum_sandbox_add_quickbooks_redirect_uri (LumSandbox     *self,
                                                     const char     *uri,
                                                     GError        **error);
guint       lum_sandbox_add_quickbooks_loopback_redirect (LumSandbox *self,
                                                          GError    **error);

G_END_DECLS
