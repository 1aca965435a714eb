/* extract/types.c — names of the entity types (docs/entity-types.md). */
#include "giji/extract.h"

#include <string.h>

static const char *const names[GIJI_ENT_NTYPES] = {
    "ministry", "isac", "law", "policy", "event", "country", "org", "topic"};

const char *giji_entity_type_name(int type)
{
    return (type >= 0 && type < GIJI_ENT_NTYPES) ? names[type] : "?";
}

int giji_entity_type_parse(const char *name)
{
    for (int i = 0; i < GIJI_ENT_NTYPES; i++)
        if (!strcmp(names[i], name))
            return i;
    return -1;
}
