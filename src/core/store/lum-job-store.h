/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "lum-db.h"
#include "model/lum-enums.h"
#include "model/lum-event.h"
#include "model/lum-job.h"

G_BEGIN_DECLS

/**
 * LumJobFilter:
 * @sales_order_id: 0 for any
 * @invoice_id: 0 for any
 * @state: (nullable): a state nick ("failed"), or %NULL for any
 *
 * Which jobs a list shows; newest first.
 */
typedef struct
{
  gint64      sales_order_id;
  gint64      invoice_id;
  const char *state;
  guint       limit;
} LumJobFilter;

gint64      lum_job_store_insert        (LumDb              *db,
                                         LumJobKind          kind,
                                         gint64              integration_id,
                                         gint64              sales_order_id,
                                         gint64              invoice_id,
                                         const char         *due_at,
                                         const char         *now,
                                         GError            **error);
LumJob     *lum_job_store_get           (LumDb              *db,
                                         gint64              id,
                                         GError            **error);
GListStore *lum_job_store_list          (LumDb              *db,
                                         const LumJobFilter *filter,
                                         GError            **error);
LumJob     *lum_job_store_find_open     (LumDb              *db,
                                         LumJobKind          kind,
                                         gint64              sales_order_id,
                                         gint64              invoice_id,
                                         GError            **error);
GPtrArray  *lum_job_store_list_open     (LumDb              *db,
                                         LumJobKind          kind,
                                         gint64              sales_order_id,
                                         GError            **error);
gboolean    lum_job_store_set_state     (LumDb              *db,
                                         gint64              id,
                                         LumJobState         state,
                                         const char         *now,
                                         GError            **error);
gboolean    lum_job_store_set_due       (LumDb              *db,
                                         gint64              id,
                                         const char         *due_at,
                                         const char         *now,
                                         GError            **error);

gboolean    lum_job_store_reschedule    (LumDb              *db,
                                         gint64              id,
                                         const char         *due_at,
                                         const char         *now,
                                         GError            **error);

GArray     *lum_job_store_claim         (LumDb              *db,
                                         const char         *owner,
                                         const char         *now,
                                         const char         *lease_until,
                                         const char * const *gone_owners,
                                         gboolean            with_invoices,
                                         gint64              only_job_id,
                                         guint               limit,
                                         GError            **error);
GStrv       lum_job_store_list_claimers (LumDb              *db,
                                         const char         *now,
                                         GError            **error);
gboolean    lum_job_store_renew         (LumDb              *db,
                                         const char         *owner,
                                         const char         *lease_until,
                                         guint              *n_renewed,
                                         GError            **error);
gboolean    lum_job_store_finish        (LumDb              *db,
                                         gint64              id,
                                         const char         *owner,
                                         LumJobState         state,
                                         const char         *due_at,
                                         const char         *remote_id,
                                         const char         *last_error,
                                         const char         *now,
                                         GError            **error);
gboolean    lum_job_store_set_sent      (LumDb              *db,
                                         gint64              id,
                                         const char         *method,
                                         const char         *path,
                                         const char         *body,
                                         guint               answer_status,
                                         const char         *answer_body,
                                         GError            **error);
char       *lum_job_store_next_wakeup   (LumDb              *db,
                                         gboolean            with_invoices,
                                         GError            **error);

G_END_DECLS
