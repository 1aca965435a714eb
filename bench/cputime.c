/*
 * bench/cputime.c — giji-bench-cputime: the wall and CPU time of one command,
 * to the microsecond, for bench/render.
 *
 *   giji-bench-cputime OUT CMD [ARG...]
 *
 * Runs CMD with its standard output sent to /dev/null and appends "WALL CPU"
 * (seconds; CPU is user + sys of CMD and its children, from wait4's rusage)
 * to the file OUT. GNU time prints CPU seconds to the hundredth, which is a
 * third of a 0.03 s briefing: a ratio of two such figures is mostly
 * rounding. Exits with CMD's status (1 when it could not be run).
 *
 * Not part of giji: a tool of bench/.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: giji-bench-cputime OUT CMD [ARG...]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("giji-bench-cputime: fork");
        return 1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 1);
        execvp(argv[2], argv + 2);
        perror("giji-bench-cputime: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("giji-bench-cputime: wait4");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    FILE *out = fopen(argv[1], "a");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(out, "%.4f %.4f\n", wall, seconds(ru.ru_utime) + seconds(ru.ru_stime));
    if (fclose(out) != 0)
        return 1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
