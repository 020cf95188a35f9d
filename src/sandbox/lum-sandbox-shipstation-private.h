/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-sandbox-private.h"

G_BEGIN_DECLS

/* Shared by lum-sandbox-shipstation.c (the API) and
 * lum-sandbox-shipstation-control.c (state, shipments, control). */
#define DEFAULT_WINDOW_MS   60000
#define MAX_BULK            100
#define MAX_PAGE_SIZE       500
#define DEFAULT_PAGE_SIZE   100
#define MAX_ITEMS           1000
#define MAX_QUANTITY        1000000
#define FIRST_ORDER_ID      100000001
#define FIRST_ITEM_ID       200000001
#define FIRST_SHIPMENT_ID   300000001
#define FIRST_STORE_ID      1001

typedef struct
{
  gint64      id;
  JsonObject *object;     /* as stored and answered */
  GPtrArray  *shipments;  /* JsonObject, borrowed from the service's list */
  GPtrArray  *tags;       /* char *, API V2's tags; NULL for none */
} Order;

struct _LumSandboxShipstation
{
  LumSandbox          *sandbox;
  GHashTable          *credentials;     /* key → secret */
  LumSandboxRateLimit *limit;
  GPtrArray           *stores;          /* JsonObject */
  GPtrArray           *warehouses;      /* JsonObject, V1 Warehouse */
  gint64               next_warehouse_id;
  GPtrArray           *orders;          /* Order, by orderId */
  GHashTable          *orders_by_id;    /* gint64 * → Order */
  GHashTable          *orders_by_key;   /* orderKey → Order */
  GHashTable          *orders_by_number; /* orderNumber → GPtrArray of Order */
  GPtrArray           *shipments;       /* JsonObject, by shipmentId from FIRST_SHIPMENT_ID */
  GPtrArray           *stock;           /* JsonObject {sku, inventory_warehouse_id, inventory_location_id, on_hand, allocated} */
  gint64               next_order_id;
  gint64               next_item_id;
  gint64               next_shipment_id;
  gint64               next_store_id;
};

/* How a bad order is answered. */
typedef enum
{
  ORDER_OK,
  ORDER_INVALID,      /* ModelState */
  ORDER_UNSTORABLE,   /* ExceptionMessage */
} OrderCheck;

Order      *lum_sandbox_shipstation_store_order (LumSandboxShipstation *ss,
                                                JsonObject            *received);
char       *lum_sandbox_shipstation_check_order (LumSandboxShipstation *ss,
                                                JsonObject            *order,
                                                OrderCheck            *check,
                                                char                 **key);
void        lum_sandbox_shipstation_v2_handle   (LumSandboxShipstation *ss,
                                                LumSandboxRequest     *req);
JsonObject *lum_sandbox_shipstation_find_store  (LumSandboxShipstation *ss,
                                                gint64                 store_id);
void        lum_sandbox_shipstation_order_free  (gpointer               data);

/* the account's warehouses (lum-sandbox-shipstation-warehouses.c) */
void        lum_sandbox_shipstation_seed_warehouses (LumSandboxShipstation *ss,
                                                    const char            *now);
JsonObject *lum_sandbox_shipstation_find_warehouse  (LumSandboxShipstation *ss,
                                                    gint64                 id);
gint64      lum_sandbox_shipstation_warehouse_at    (LumSandboxShipstation *ss,
                                                    JsonObject            *v2_address);
void        lum_sandbox_shipstation_handle_list_warehouses    (LumSandboxShipstation *ss,
                                                              LumSandboxRequest     *req);
void        lum_sandbox_shipstation_v2_handle_list_warehouses (LumSandboxShipstation *ss,
                                                              LumSandboxRequest     *req);

/* ShipStation's clock, US Pacific (lum-sandbox-shipstation-time.c) */
char       *lum_sandbox_shipstation_time        (gint64                 us);
char       *lum_sandbox_shipstation_date        (gint64                 us);
gboolean    lum_sandbox_shipstation_parse_time  (const char            *text,
                                                gint64                *us);

G_END_DECLS
