/*
 * export/numfmt.c — shortest round-trip formatting of doubles (numfmt.h).
 */
#include "export/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int giji_fmt_double(char buf[32], double v)
{
    if (!isfinite(v)) {
        snprintf(buf, 32, "null");
        return 0;
    }
    if (v == 0) {
        snprintf(buf, 32, "0");
        return 1;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return 1;
}
