/* zc-core.h — libzc-core: the domain, no GTK, no network, no I/O beyond
 * reading data files handed to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-calendar.h"
#include "zc-catalogue.h"
#include "zc-clock.h"
#include "zc-collate.h"
#include "zc-commitment-rules.h"
#include "zc-i18n.h"
#include "zc-id.h"
#include "zc-json.h"
#include "zc-material-check.h"
#include "zc-mask.h"
#include "zc-ocr-repair.h"
#include "zc-page-text.h"
#include "zc-models.h"
#include "zc-retirement.h"
#include "zc-state.h"
#include "zc-text-find.h"
