/* cli/outfile.c — command output to standard output or a file (see outfile.h). */
#include "cli/outfile.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

int giji_outfile_open(giji_outfile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    if (!path) {
        o->f = stdout;
        return 0;
    }
    struct stat st;
    int exists = stat(path, &st) == 0;
    o->atomic = !exists || S_ISREG(st.st_mode);
    if (o->atomic && (size_t)snprintf(o->tmp, sizeof o->tmp, "%s.tmp", path) >= sizeof o->tmp) {
        fprintf(stderr, "giji: error: %s: path too long\n", path);
        return -1;
    }
    const char *open_path = o->atomic ? o->tmp : path;
    if (!(o->f = fopen(open_path, "w"))) {
        fprintf(stderr, "giji: error: %s: cannot write: %s\n", open_path, strerror(errno));
        return -1;
    }
    return 0;
}

int giji_outfile_close(giji_outfile *o, int failed)
{
    if (!o->f)
        return -1;
    const char *name = o->path ? (o->atomic ? o->tmp : o->path) : "standard output";
    int bad = fflush(o->f) != 0;
    int err = errno;
    if (o->path && fclose(o->f) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    o->f = NULL;
    if (bad)
        fprintf(stderr, "giji: error: %s: write failed: %s\n", name, strerror(err));
    if (o->path && o->atomic) {
        if (!bad && !failed && rename(o->tmp, o->path) != 0) {
            fprintf(stderr, "giji: error: %s: cannot rename to %s: %s\n", o->tmp, o->path, strerror(errno));
            bad = 1;
        }
        if (bad || failed)
            remove(o->tmp);
    }
    return bad || failed ? -1 : 0;
}
