/*
 * giji/giji.h — umbrella header. The pipeline, one header per stage:
 *   decode -> normalize -> segment -> store -> export
 */
#ifndef GIJI_H
#define GIJI_H

#include "giji/error.h"
#include "giji/decode.h"
#include "giji/normalize.h"
#include "giji/segment.h"
#include "giji/store.h"
#include "giji/export.h"
#include "giji/extract.h"
#include "giji/ingest.h"
#include "giji/graph.h"
#include "giji/query.h"

/* Library version ("0.1.0"). */
const char *giji_version(void);

#endif
