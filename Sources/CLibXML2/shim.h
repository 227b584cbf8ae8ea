#ifndef RESUME_SYNC_CLIBXML2_SHIM_H
#define RESUME_SYNC_CLIBXML2_SHIM_H

/* xmlversion.h first: Debian builds libxml2 with ICU, and ICU's UErrorCode clashes with
   Foundation's when both are imported into one Swift module. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

/* xmlFree is a mutable C global, which Swift 6 refuses to touch. */
static inline void rs_xml_free(void *pointer) { xmlFree(pointer); }

#endif
