/*
 * cli/cmd_search.c — `giji search TEXT [--body B] [--from D] [--to D]
 * [--limit N] [--format F]`: full-text search over remarks (FTS5 with the
 * trigram tokenizer; a scan for TEXT under 3 characters), best first, with
 * the match marked.
 */
#include "cli/cli.h"
#include "cli/query_cli.h"
#include "giji/giji.h"

#include <stdio.h>

int cmd_search(int argc, char **argv)
{
    qc_args a;
    int rc = qc_parse("search", argc, argv, QC_BODY | QC_DATES | QC_LIMIT, NULL, NULL, NULL, 1, 1, 50, &a);
    if (rc)
        return rc;
    giji_store *st;
    if ((rc = qc_open_scoped(&a, &st)))
        return rc;
    giji_hits h;
    if (giji_query_search(st, a.args[0], &a.opts, &h) != GIJI_OK) {
        rc = giji_error_last() == GIJI_EINVAL ? giji_cli_usage_error("search", "%s", giji_error_message())
                                              : qc_fail(st, NULL, 0);
        qc_close(st);
        return rc;
    }
    qc_close(st);
    rc = qc_done(qc_write_hits(&h, a.fmt));
    if (rc == 0 && h.n == 0)
        fprintf(stderr, "giji: no remarks contain '%s'%s\n", a.args[0],
                a.opts.body || a.opts.from || a.opts.to ? " in the meetings asked for" : "");
    else if (rc == 0 && h.n < h.total)
        fprintf(stderr, "giji: %zu of %zu remarks shown (--limit %zu; 0 for all)\n", h.n, h.total,
                a.opts.limit);
    giji_hits_free(&h);
    return rc;
}
