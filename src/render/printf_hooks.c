/*
 * render/printf_hooks.c — keeps glibc's printf on its fast path in the giji
 * process, for Graphviz's SVG writer (one snprintf per coordinate).
 *
 * Responsible for: refusing the registration of printf hooks
 * (register_printf_specifier and its siblings), which giji's executable
 * interposes for the whole process. Not responsible for: any formatting.
 *
 * Why: igraph needs LAPACK, LAPACK libgfortran, and libgfortran libquadmath,
 * whose constructor registers a %Q modifier and an 'f' handler for
 * __float128. Once any hook is registered, glibc formats every printf call
 * of the process through its slow "positional" path (printf_positional),
 * whether or not the format uses the hook. Graphviz writes an SVG with one
 * snprintf per coordinate: on the 1 MB benchmark's full map, 1.65 G of 20.4 G
 * instructions were printf_positional, a cost `dot` alone, which does not
 * load libquadmath, does not pay. Nothing in giji formats a __float128 with
 * printf (libgfortran and LAPACK use quadmath_snprintf, which needs no hook),
 * so refusing the registration costs nothing: libquadmath's constructor
 * sees the error and returns.
 *
 * These definitions take effect because the executable's symbols come first
 * when the dynamic linker resolves libquadmath's references; render.c
 * refers to giji_render_printf_hooks so that the linker keeps this file.
 */
#include "render/render_int.h"

#if defined(__GLIBC__)
#include <errno.h>
#include <printf.h>

const int giji_render_printf_hooks = 1;

int register_printf_specifier(int spec, printf_function func, printf_arginfo_size_function arginfo)
{
    (void)spec, (void)func, (void)arginfo;
    errno = EINVAL;
    return -1;
}

int register_printf_function(int spec, printf_function func, printf_arginfo_function arginfo)
{
    (void)spec, (void)func, (void)arginfo;
    errno = EINVAL;
    return -1;
}

int register_printf_modifier(const wchar_t *str)
{
    (void)str;
    errno = EINVAL;
    return -1;
}

int register_printf_type(printf_va_arg_function fct)
{
    (void)fct;
    errno = EINVAL;
    return -1;
}
#else
const int giji_render_printf_hooks = 0;
#endif
