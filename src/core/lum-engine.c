/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "lum-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lum-engine-private.h"
#include "lum-util.h"
#include "store/lum-setup-store.h"
#include "store/lum-store-version.h"

G_DEFINE_FINAL_TYPE (LumEngine, lum_engine, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
system_clock (gpointer user_data)
{
  return g_get_real_time ();
}

/* First run: the warehouse, the default group and the invoice type that a
 * new channel needs. Checked inside the write lock so that two processes
 * opening a new database seed it once. */
static gboolean
seed (LumEngine  *self,
      GError    **error)
{
  g_autofree char *now = lum_engine_now_text (self);
  LumStmt *count;
  gboolean empty;
  gint64 group_id, warehouse_id;

  /* Read first, outside any transaction: a seeded database (every one but
   * a new one) is opened without taking the write lock, so a command that
   * only reads runs while another process writes. */
  count = lum_db_prepare (self->db, "SELECT count(*) FROM warehouse_group", error);
  if (count == NULL)
    return FALSE;
  empty = lum_stmt_step (count, NULL) == LUM_STMT_ROW && lum_stmt_column_int64 (count, 0) == 0;
  lum_stmt_reset (count);
  if (!empty)
    return TRUE;

  if (!lum_db_begin (self->db, error))
    return FALSE;

  count = lum_db_prepare (self->db, "SELECT count(*) FROM warehouse_group", error);
  if (count == NULL)
    goto fail;
  empty = lum_stmt_step (count, NULL) == LUM_STMT_ROW && lum_stmt_column_int64 (count, 0) == 0;
  lum_stmt_reset (count);

  if (empty)
    {
      group_id = lum_setup_store_insert_group (self->db, _("Default Warehouse Group"), now, error);
      if (group_id == 0 ||
          !lum_setup_store_set_default_group (self->db, group_id, error))
        goto fail;
      warehouse_id = lum_setup_store_insert_warehouse (self->db, "MAIN", _("Main Warehouse"), now, error);
      if (warehouse_id == 0 ||
          !lum_setup_store_add_group_member (self->db, group_id, warehouse_id, error) ||
          lum_setup_store_insert_invoice_type (self->db, _("Standard"), now, error) == 0)
        goto fail;
      g_debug ("Seeded %s", lum_db_get_path (self->db));
    }

  return lum_db_commit (self->db, error);

fail:
  lum_db_rollback (self->db);
  return FALSE;
}

static void
lum_engine_dispose (GObject *object)
{
  LumEngine *self = (LumEngine *)object;

  if (self->clock_destroy != NULL)
    g_clear_pointer (&self->clock_data, self->clock_destroy);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (lum_engine_parent_class)->dispose (object);
}

static void
lum_engine_class_init (LumEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lum_engine_dispose;

  /**
   * LumEngine::changed:
   * @what: "channels", "integrations", "setup", … or "external" when
   *   another process changed the database
   *
   * Emitted after a committed change, with @what as the detail.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lum_engine_init (LumEngine *self)
{
  self->clock_func = system_clock;
}

/**
 * lum_engine_default_db_path:
 *
 * `$LUMEN_DB` when set, otherwise `$XDG_DATA_HOME/lumen/lumen.db`.
 */
char *
lum_engine_default_db_path (void)
{
  const char *env = g_getenv (LUM_ENGINE_DB_ENV);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "lumen", "lumen.db", NULL);
}

LumEngine *
lum_engine_new (const char  *db_path,
                GError     **error)
{
  return lum_engine_new_waiting (db_path, 0, NULL, NULL, error);
}

/**
 * lum_engine_new_waiting:
 * @wait_ms: how long a write waits for another process's lock (0: the
 *   default, a few seconds)
 * @wait_func: (nullable): called when a write has been waiting for half a
 *   second, to say so
 *
 * Opens the engine for a program that would rather wait for another Lumen
 * process (a long import) than fail, such as `lumenctl`.
 */
LumEngine *
lum_engine_new_waiting (const char     *db_path,
                        guint           wait_ms,
                        LumDbWaitFunc   wait_func,
                        gpointer        user_data,
                        GError        **error)
{
  g_autoptr(LumEngine) self = g_object_new (LUM_TYPE_ENGINE, NULL);
  g_autofree char *path = db_path ? g_strdup (db_path) : lum_engine_default_db_path ();

  self->db = lum_db_open (path, error);
  if (self->db == NULL)
    return NULL;
  if (wait_ms > 0)
    lum_db_set_waiting (self->db, wait_ms, wait_func, user_data);
  if (!seed (self, error))
    return NULL;
  self->data_version = lum_db_data_version (self->db);

  return g_steal_pointer (&self);
}

/**
 * lum_engine_check_integrity_async:
 *
 * Reads the whole database file in a thread and fails with
 * %LUM_DB_ERROR_CORRUPT, naming the file and what to do, when a page is
 * damaged.
 */
static void
on_quick_checked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (lum_db_quick_check_finish (LUM_DB (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lum_engine_check_integrity_async (LumEngine           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LUM_IS_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lum_engine_check_integrity_async);
  lum_db_quick_check_async (self->db, cancellable, on_quick_checked_cb, task);
}

gboolean
lum_engine_check_integrity_finish (LumEngine     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lum_engine_check_integrity_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lum_engine_check_integrity (LumEngine  *self,
                            GError    **error)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);
  return lum_db_quick_check (self->db, error);
}

LumDb *
lum_engine_get_db (LumEngine *self)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return self->db;
}

/**
 * lum_engine_set_actor_name:
 * @name: (nullable): a display name (Preferences); %NULL or "" for the
 *   default
 *
 * The person this engine acts for, as events and saves record it ("by
 * Ana" on a timeline, who changed a record an editor refuses to save
 * over). The default is the system user on SQLite; a server back end
 * gives its database user instead (lum_store_get_actor_name()).
 */
void
lum_engine_set_actor_name (LumEngine  *self,
                           const char *name)
{
  g_return_if_fail (LUM_IS_ENGINE (self));
  lum_store_set_actor_name (self->db, name);
}

const char *
lum_engine_get_actor_name (LumEngine *self)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), NULL);
  return lum_store_get_actor_name (self->db);
}

/**
 * lum_engine_set_clock:
 *
 * Replaces the wall clock, so tests can move time instead of sleeping.
 */
void
lum_engine_set_clock (LumEngine      *self,
                      LumClockFunc    func,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  g_return_if_fail (LUM_IS_ENGINE (self));

  if (self->clock_destroy != NULL)
    g_clear_pointer (&self->clock_data, self->clock_destroy);
  self->clock_func = func ? func : system_clock;
  self->clock_data = user_data;
  self->clock_destroy = destroy;
}

gint64
lum_engine_now (LumEngine *self)
{
  g_return_val_if_fail (LUM_IS_ENGINE (self), 0);
  return self->clock_func (self->clock_data);
}

char *
lum_engine_now_text (LumEngine *self)
{
  return lum_time_format (lum_engine_now (self));
}

void
lum_engine_emit_changed (LumEngine  *self,
                         const char *what)
{
  g_return_if_fail (LUM_IS_ENGINE (self));

  self->data_version = lum_db_data_version (self->db);
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
}

/**
 * lum_engine_check_external_changes:
 *
 * Emits ::changed with "external" when another connection (lumenctl, a
 * second window) committed since the last look. Cheap: call it from a timer.
 */
gboolean
lum_engine_check_external_changes (LumEngine *self)
{
  gint64 version;

  g_return_val_if_fail (LUM_IS_ENGINE (self), FALSE);

  version = lum_db_data_version (self->db);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  g_signal_emit (self, signals[CHANGED], g_quark_from_string ("external"), "external");
  return TRUE;
}
