/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lumctl.h"
#include "lum-engine-documents.h"

G_BEGIN_DECLS

/**
 * LumctlDocOptions:
 * @text: the editable header fields (%LUM_DOC_FIRST_EDITABLE to
 *   %LUM_DOC_LAST_EDITABLE), %NULL when not given
 *
 * What `order create|edit` and `invoice create|edit` were told; %NULL or
 * %LUMCTL_UNSET where an option was not given.
 */
typedef struct
{
  char     *channel;
  char     *customer;
  char    **lines;
  char     *text[LUM_DOC_N_TEXT];
  gboolean  is_test;
  gboolean  post;
  gint64    expect_version;
} LumctlDocOptions;

#define LUMCTL_DOC_OPTIONS_INIT { .is_test = LUMCTL_UNSET }

void            lumctl_doc_options_clear   (LumctlDocOptions  *o);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LumctlDocOptions, lumctl_doc_options_clear)

gboolean        lumctl_parse_line          (const char        *text,
                                            gboolean           with_price,
                                            char             **sku,
                                            gint64            *quantity,
                                            gint64            *unit_price_cents,
                                            GError           **error);

LumDocument    *lumctl_find_document       (LumEngine         *engine,
                                            LumDocumentKind    kind,
                                            const char        *number,
                                            GError           **error);
int             lumctl_print_document      (LumctlGlobal      *global,
                                            LumEngine         *engine,
                                            LumDocumentKind    kind,
                                            gint64             id);
const char     *lumctl_document_label      (LumDocumentKind    kind);

/* Commands both kinds share */
int             lumctl_document_create     (LumctlGlobal      *global,
                                            char             **args,
                                            LumDocumentKind    kind);
int             lumctl_document_edit       (LumctlGlobal      *global,
                                            char             **args,
                                            LumDocumentKind    kind);
int             lumctl_document_post       (LumctlGlobal      *global,
                                            char             **args,
                                            LumDocumentKind    kind);
int             lumctl_document_show       (LumctlGlobal      *global,
                                            char             **args,
                                            LumDocumentKind    kind);
int             lumctl_document_list       (LumctlGlobal      *global,
                                            char             **args,
                                            LumDocumentKind    kind);

/* lumctl-fulfillment.c */
gboolean        lumctl_print_fulfillments     (LumEngine     *engine,
                                               LumDocument   *order,
                                               GError       **error);
gboolean        lumctl_add_fulfillments_json  (LumEngine     *engine,
                                               LumDocument   *order,
                                               JsonObject    *object,
                                               GError       **error);

G_END_DECLS
