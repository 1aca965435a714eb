/*
 * cli/outfile.h — where a command's output goes: standard output, or a file
 * given with -o. A regular file (or a new one) is written beside its final
 * name and renamed into place only when everything was written, so a failed
 * command never leaves a truncated file; a device or pipe (-o /dev/stdout,
 * a FIFO) is written directly — renaming over it would replace it.
 */
#ifndef GIJI_CLI_OUTFILE_H
#define GIJI_CLI_OUTFILE_H

#include <stdio.h>

typedef struct giji_outfile {
    FILE *f;              /* write here */
    const char *path;     /* NULL: standard output */
    char tmp[4096];       /* the file being written, when renaming at the end */
    int atomic;
} giji_outfile;

/* Open `path` (NULL: standard output). Prints the error and returns -1 on failure. */
int giji_outfile_open(giji_outfile *o, const char *path);

/* Finish: flush, close, and rename into place unless `failed` (then the
 * partial file is removed). Prints write errors. Returns 0 when all went
 * well, -1 otherwise. */
int giji_outfile_close(giji_outfile *o, int failed);

#endif
