/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lum-engine.h"
#include "lum-sandbox.h"

G_BEGIN_DECLS

/*
 * The glue between a running sandbox and a Lumen database (a library of its
 * own, so the sandbox itself stays free of Lumen's core): the integrations
 * "Sandbox ShipStation", "Sandbox 3PL" and "Sandbox QuickBooks" pointing at
 * the sandbox, with its credentials in the keyring. Run again with a sandbox
 * on another port, it moves them there.
 */

#define LUM_SANDBOX_SHIPSTATION_NAME "Sandbox ShipStation"
#define LUM_SANDBOX_SHIPSTATION_V2_NAME "Sandbox ShipStation V2"
#define LUM_SANDBOX_EXTENSIV_NAME    "Sandbox 3PL"
#define LUM_SANDBOX_QUICKBOOKS_NAME  "Sandbox QuickBooks"

gboolean lum_sandbox_register (LumSandbox  *sandbox,
                               LumEngine   *engine,
                               GError     **error);

G_END_DECLS
