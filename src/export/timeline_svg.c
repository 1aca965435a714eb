/*
 * export/timeline_svg.c — giji_timeline_svg (giji/query.h): a timeline as a
 * small self-contained SVG bar chart, written by hand: no scripts, no
 * external fonts or styles, every string XML-escaped (export/escape.h),
 * coordinates in fixed point so that the output does not depend on the
 * locale. Deterministic for a given timeline.
 * Not responsible for computing the timeline (query/) or choosing the file
 * (cli/).
 */
#include "giji/query.h"
#include "export/escape.h"
#include "util/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Layout, in pixels. */
enum {
    LEFT = 56, RIGHT = 24, TOP = 48, PLOT_H = 200, BOTTOM = 96,
    MIN_PLOT_W = 400, MAX_PLOT_W = 1600, SLOT = 28
};

/* v tenths of a pixel as "12.3". */
static void fx(char buf[32], long v10)
{
    snprintf(buf, 32, "%ld.%ld", v10 / 10, v10 % 10);
}

static void text(FILE *out, const char *s)
{
    giji_xml_escape(out, s ? s : "", s ? strlen(s) : 0);
}

static long long value_of(const giji_timeline *t, const giji_timeline_point *p)
{
    return t->target.kind == GIJI_TARGET_ENTITY ? p->mentions : p->remarks;
}

static const char *per(giji_timeline_by by)
{
    return by == GIJI_BY_YEAR ? "year" : by == GIJI_BY_MONTH ? "month" : "meeting";
}

/* The largest value, rounded up to a number the axis can show in halves. */
static long long axis_max(long long max)
{
    if (max < 2)
        return 2;
    return max % 2 ? max + 1 : max;
}

int giji_timeline_svg(const giji_timeline *t, FILE *out)
{
    size_t n = t->n;
    long plot_w = (long)n * SLOT;
    if (plot_w < MIN_PLOT_W)
        plot_w = MIN_PLOT_W;
    if (plot_w > MAX_PLOT_W)
        plot_w = MAX_PLOT_W;
    long width = LEFT + plot_w + RIGHT, height = TOP + PLOT_H + BOTTOM;
    long long max = 0;
    for (size_t i = 0; i < n; i++)
        if (value_of(t, &t->points[i]) > max)
            max = value_of(t, &t->points[i]);
    long long top = axis_max(max);
    const char *what = t->target.kind == GIJI_TARGET_ENTITY ? "mentions" : "remarks";
    /* one label every `step` bars, so that they do not overlap */
    size_t step = 1;
    while (n && (long)(n / step) * 16 > plot_w)
        step++;

    errno = 0;
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%ld\" height=\"%ld\" "
                 "viewBox=\"0 0 %ld %ld\" font-family=\"sans-serif\" font-size=\"11\">\n",
            width, height, width, height);
    fputs("<title>", out);
    text(out, t->target.display);
    fprintf(out, ": %s per %s</title>\n", what, per(t->by));
    fprintf(out, "<rect width=\"%ld\" height=\"%ld\" fill=\"#ffffff\"/>\n", width, height);
    fprintf(out, "<text x=\"%ld\" y=\"24\" text-anchor=\"middle\" font-size=\"14\">", width / 2);
    text(out, t->target.display);
    if (t->target.type) {
        fputs(" (", out);
        text(out, t->target.type);
        fputs(")", out);
    }
    fprintf(out, ": %s per %s, %lld in all</text>\n", what, per(t->by),
            t->target.kind == GIJI_TARGET_ENTITY ? t->mentions : t->remarks);

    /* axes and the value scale: 0, half, top */
    long x0 = LEFT, y0 = TOP + PLOT_H;
    fprintf(out, "<g stroke=\"#888888\" stroke-width=\"1\">\n"
                 "<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%ld\"/>\n"
                 "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\"/>\n",
            x0, TOP, x0, y0, x0, y0, x0 + plot_w, y0);
    for (int k = 1; k <= 2; k++)
        fprintf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#dddddd\"/>\n", x0,
                y0 - PLOT_H * k / 2, x0 + plot_w, y0 - PLOT_H * k / 2);
    fputs("</g>\n<g text-anchor=\"end\" fill=\"#333333\">\n", out);
    for (int k = 0; k <= 2; k++)
        fprintf(out, "<text x=\"%ld\" y=\"%ld\">%lld</text>\n", x0 - 6, y0 - PLOT_H * k / 2 + 4,
                top * k / 2);
    fputs("</g>\n", out);

    /* bars, with a tooltip each */
    fputs("<g fill=\"#4a7bb7\">\n", out);
    for (size_t i = 0; n && i < n; i++) {
        const giji_timeline_point *p = &t->points[i];
        long long v = value_of(t, p);
        long slot10 = plot_w * 10 / (long)n;
        long bw = slot10 * 3 / 4 > 400 ? 400 : slot10 * 3 / 4;
        long bx = x0 * 10 + slot10 * (long)i + (slot10 - bw) / 2;
        long bh = (long)(v * PLOT_H * 10 / top);
        char xs[32], ys[32], ws[32], hs[32];
        fx(xs, bx);
        fx(ys, (long)y0 * 10 - bh);
        fx(ws, bw > 10 ? bw : 10);
        fx(hs, bh);
        fprintf(out, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"><title>", xs, ys, ws, hs);
        text(out, p->label);
        if (p->body) {
            fputs(" ", out);
            text(out, p->body);
            if (p->session >= 0)
                fprintf(out, " #%d", p->session);
        }
        fprintf(out, ": %lld %.*s</title></rect>\n", v, (int)strlen(what) - (v == 1), what);
    }
    fputs("</g>\n", out);

    /* labels under the axis, turned by 45 degrees */
    fputs("<g text-anchor=\"end\" fill=\"#333333\" font-size=\"10\">\n", out);
    for (size_t i = 0; n && i < n; i += step) {
        long slot10 = plot_w * 10 / (long)n;
        char xs[32], ys[32];
        fx(xs, x0 * 10 + slot10 * (long)i + slot10 / 2);
        fx(ys, (long)(y0 + 14) * 10);
        fprintf(out, "<text x=\"%s\" y=\"%s\" transform=\"rotate(-45 %s %s)\">", xs, ys, xs, ys);
        text(out, t->points[i].label);
        fputs("</text>\n", out);
    }
    fputs("</g>\n</svg>\n", out);
    if (ferror(out) || fflush(out) != 0)
        return giji_error_set(GIJI_EIO, "cannot write the chart: %s", errno ? strerror(errno) : "write error");
    return GIJI_OK;
}
