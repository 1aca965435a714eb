/*
 * render/render_int.h — what the files of src/render/ share: the text
 * helpers (text.c). Graphviz headers are included by render.c alone.
 */
#ifndef GIJI_RENDER_INT_H
#define GIJI_RENDER_INT_H

#include <stddef.h>
#include <stdio.h>

#include "giji/render.h"
#include "util/buf.h"
#include "util/error.h"

/* Append s escaped for Graphviz (see text.c): as entities, literal in SVG,
 * PNG and PDF. keep_lf: a line feed becomes a line break (&#10;, tooltips);
 * otherwise it is a space. */
int giji_render_escape(giji_buf *b, const char *s, int keep_lf);

/* Append the label of a node named `name` for an HTML-like label: white
 * space runs folded, at most max_lines lines of line_cols display columns
 * (wide characters count two), broken between words where that costs
 * little, the last line cut with "…" when the name is longer; escaped. */
int giji_render_label(giji_buf *b, const char *name, size_t line_cols, int max_lines);

/* Display columns of s (wide characters two). */
size_t giji_render_cols(const char *s);

/* A stream writing to `to` what is written to it, with the classes of the
 * legend, title and caption groups rewritten from "node legend" (title,
 * caption) to "legend" (svg_stream.c). Closing it passes on the last bytes
 * and does not close `to`. NULL when it cannot be made. */
FILE *giji_render_svg_stream(FILE *to);

/* 1 where printf_hooks.c refuses printf hooks for the process (glibc), so
 * that printf stays on its fast path; render.c refers to it so that the
 * linker keeps printf_hooks.c. */
extern const int giji_render_printf_hooks;

#endif
