/* zc-reception-private.h — what ZcReception needs of its field and
 * material objects (not installed, not for the UI).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-reception.h"

G_BEGIN_DECLS

ZcReceptionField *zc_reception_field_new (ZcFormField *field);

/* The prefill the licences/earlier cases offer now (value NULL = none);
 * @note says why a licence could not answer (expired …), may be NULL. */
void zc_reception_field_set_prefill (ZcReceptionField *self,
                                     const char       *value,
                                     ZcFieldSource     source,
                                     const char       *source_label,
                                     const char       *licence_type,
                                     const char       *licence_number,
                                     const char       *note);
/* The clerk's value (typed = TRUE) or back to the prefill (typed = FALSE). */
void zc_reception_field_set_typed (ZcReceptionField *self,
                                   gboolean          typed,
                                   const char       *value,
                                   const GError     *error);
gboolean     zc_reception_field_get_typed (ZcReceptionField *self);
const char  *zc_reception_field_get_prefill_value (ZcReceptionField *self);
void         zc_reception_field_set_error (ZcReceptionField *self, const GError *error);
/* The error of a date range (zc_form_field_get_not_before), kept apart
 * from the value's own: zc_reception_field_get_error() gives the value's
 * first, then this one. */
void         zc_reception_field_set_range_error (ZcReceptionField *self, const GError *error);
/* Grows each time a field is typed (0: never): which of two was typed last */
guint        zc_reception_field_get_typed_serial (ZcReceptionField *self);
void         zc_reception_field_set_applicable (ZcReceptionField *self, gboolean applicable);

ZcReceptionMaterial *zc_reception_material_new (ZcMaterial       *material,
                                                ZcMaterialStatus  status,
                                                ZcLicence        *licence,
                                                const char       *note);
void zc_reception_material_set_state (ZcReceptionMaterial *self, ZcMaterialState state);

/* zc-reception.c: the party holding @role ("applicant" or NULL: the
 * applicant), the newest licence of @type valid on @date (@note: why the
 * newest invalid one does not count), a field's source label */
ZcApplicant *_zc_reception_holder_of     (ZcReception *self,
                                          const char  *party);
ZcLicence   *_zc_reception_find_licence  (ZcApplicant *holder,
                                          const char  *type,
                                          const GDate *date,
                                          char       **note);
char        *_zc_reception_licence_label (const char  *type,
                                          const char  *number);

/* zc-reception-ranges.c: puts the error of each date range whose end
 * precedes its start on the field typed last of the two, clears the rest */
void         _zc_reception_check_ranges  (ZcReception *self);

/* zc-reception-rules.c: the value of a computed rule, with its label;
 * NULL with *note (may stay NULL) when it cannot be computed */
char        *_zc_reception_compute       (ZcReception *self,
                                          const char  *rule,
                                          char       **label,
                                          char       **note);


G_END_DECLS
