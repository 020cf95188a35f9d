/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-connect"

#include "config.h"

#include "lum-identity-fields.h"

/*
 * The members of an order document that Lumen fills itself to identify the
 * order and give it its structure. A field mapping that wrote into one of
 * them would break the order's identity: a mapping onto ShipStation's
 * `orderKey` makes every order with the same notes the same order (its
 * createorder is an upsert by orderKey), one onto Extensiv's `referenceNum`
 * hides the order from the look-up that keeps a retry from sending it twice.
 */
static const char * const shipstation_fields[] = {
  "orderKey",              /* createorder updates the order with this key */
  "orderNumber",           /* Lumen's number, matched when shipments come back */
  "orderStatus",           /* awaiting_shipment, on_hold, cancelled: how a cancel is sent */
  "items",                 /* the lines, with their lineItemKey */
  "billTo",
  "shipTo",
  "advancedOptions.storeId", /* the channel's store */
  NULL,
};

/* ShipStation API V2 names them in snake_case on a "shipment". */
static const char * const shipstation_v2_fields[] = {
  "external_shipment_id",  /* the order's UUID: looked up before every create and a cancel */
  "shipment_number",       /* Lumen's number */
  "shipment_status",       /* how a shipment is cancelled */
  "store_id",              /* the channel's store */
  "items",                 /* the lines */
  "ship_to",
  "ship_from",             /* the channel's warehouse */
  "tags",                  /* a test order's tag */
  NULL,
};

static const char * const extensiv_fields[] = {
  "referenceNum",          /* Lumen's number, looked up before a retry or a cancel */
  "customerIdentifier",    /* the 3PL customer the orders belong to */
  "facilityIdentifier",    /* the warehouse */
  "orderItems",            /* the lines */
  NULL,
};

static const char * const no_fields[] = { NULL };

/**
 * lum_identity_fields:
 *
 * Returns: (transfer none): the remote fields that the orders pushed to an
 *   integration of @kind identify themselves with, as field paths
 */
const char * const *
lum_identity_fields (LumIntegrationKind kind)
{
  switch (kind)
    {
    case LUM_INTEGRATION_KIND_SHIPSTATION:
      return shipstation_fields;
    case LUM_INTEGRATION_KIND_SHIPSTATION_V2:
      return shipstation_v2_fields;
    case LUM_INTEGRATION_KIND_EXTENSIV:
      return extensiv_fields;
    case LUM_INTEGRATION_KIND_QUICKBOOKS:
    default:
      return no_fields;
    }
}

/**
 * lum_identity_field_covering:
 * @path: a remote field of a mapping
 *
 * Returns: (transfer none) (nullable): the identity field of @kind that
 *   @path is, lies inside or contains, or %NULL when @path is free to map
 */
const char *
lum_identity_field_covering (LumIntegrationKind  kind,
                             LumFieldPath       *path)
{
  const char * const *fields = lum_identity_fields (kind);

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autoptr(LumFieldPath) field = lum_field_path_parse (fields[i], NULL);

      g_assert (field != NULL);
      if (lum_field_path_is_prefix (field, path) || lum_field_path_is_prefix (path, field))
        return fields[i];
    }
  return NULL;
}
