/*
 * segment/meeting.c — the giji_meeting value: warnings, attribution names,
 * freeing. Not responsible for filling it (segment.c).
 */
#include "segment/internal.h"
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *giji_attribution_name(giji_attribution a)
{
    switch (a) {
    case GIJI_ATTR_EXPLICIT: return "explicit";
    case GIJI_ATTR_CHAIR: return "chair";
    case GIJI_ATTR_INFERRED: return "inferred";
    case GIJI_ATTR_NONE: default: return "none";
    }
}

int giji_meeting_warn(giji_meeting *m, unsigned line, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    giji_warning *w = realloc(m->warnings, (m->nwarnings + 1) * sizeof *w);
    if (!w)
        return GIJI_NOMEM();
    m->warnings = w;
    w[m->nwarnings].line = line;
    w[m->nwarnings].message = strdup(buf);
    if (!w[m->nwarnings].message)
        return GIJI_NOMEM();
    m->nwarnings++;
    return GIJI_OK;
}

void giji_meeting_free(giji_meeting *m)
{
    if (!m)
        return;
    free(m->body); free(m->parent_body); free(m->title); free(m->kind); free(m->place);
    for (size_t i = 0; i < m->nattendees; i++) {
        giji_attendee *a = &m->attendees[i];
        free(a->name); free(a->display); free(a->surname); free(a->role);
    }
    free(m->attendees);
    for (size_t i = 0; i < m->nremarks; i++) {
        giji_remark *r = &m->remarks[i];
        free(r->speaker_label); free(r->text); free(r->norm); free(r->cue);
        free(r->mentions);   /* with its surfaces and rules: one block (giji_mention) */
    }
    for (size_t i = 0; i < m->nentities; i++) {
        giji_entity *e = &m->entities[i];
        free(e->name);
        free(e->parent);
        for (size_t k = 0; k < e->naliases; k++)
            free(e->aliases[k]);
        free(e->aliases);
    }
    free(m->entities);
    free(m->remarks);
    for (size_t i = 0; i < m->nagenda; i++)
        free(m->agenda[i]);
    free(m->agenda);
    for (size_t i = 0; i < m->nwarnings; i++)
        free(m->warnings[i].message);
    free(m->warnings);
    memset(m, 0, sizeof *m);
}
