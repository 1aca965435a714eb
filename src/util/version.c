/* util/version.c — the library's version string. */
#include "giji/giji.h"

const char *giji_version(void) { return GIJI_VERSION; }
