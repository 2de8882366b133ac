/* labproc.so: listed in a simulated host's /etc/ld.so.preload. The kernel of the lab machine
 * has no drbd and no bonding module, so /proc/drbd and /proc/net/bonding/ cannot exist in a
 * real procfs. This preload maps exactly those paths to files the simulated host keeps under
 * /var/lib/lab/proc/ (written by drbdadm and the host's network state), so that plain
 * `cat /proc/drbd` or `grep -A3 'Slave Interface' /proc/net/bonding/bond0` work over SSH.
 * Every other path goes to libc untouched. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#define STORE "/var/lib/lab/proc/"

static const char *map(const char *path, char *buf, size_t len) {
    if (path == NULL) return path;
    const char *rest = NULL;
    if (strcmp(path, "/proc/drbd") == 0) rest = "drbd";
    else if (strncmp(path, "/proc/net/bonding", 17) == 0 && (path[17] == '\0' || path[17] == '/'))
        rest = path + 6; /* net/bonding[/...] */
    else if (strncmp(path, "/proc/self/net/bonding", 22) == 0 && (path[22] == '\0' || path[22] == '/'))
        rest = path + 11;
    if (rest == NULL) return path;
    snprintf(buf, len, STORE "%s", rest);
    return buf;
}

#define REAL(name, ret, ...) \
    static ret (*real_##name)(__VA_ARGS__); \
    if (!real_##name) real_##name = dlsym(RTLD_NEXT, #name)

#define MODE_ARG \
    mode_t mode = 0; \
    if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, int); va_end(ap); }

int open(const char *p, int flags, ...) { MODE_ARG; char b[512]; REAL(open, int, const char *, int, ...); return real_open(map(p, b, sizeof b), flags, mode); }
int open64(const char *p, int flags, ...) { MODE_ARG; char b[512]; REAL(open64, int, const char *, int, ...); return real_open64(map(p, b, sizeof b), flags, mode); }
int openat(int d, const char *p, int flags, ...) { MODE_ARG; char b[512]; REAL(openat, int, int, const char *, int, ...); return real_openat(d, map(p, b, sizeof b), flags, mode); }
int openat64(int d, const char *p, int flags, ...) { MODE_ARG; char b[512]; REAL(openat64, int, int, const char *, int, ...); return real_openat64(d, map(p, b, sizeof b), flags, mode); }
int __open_2(const char *p, int flags) { char b[512]; REAL(__open_2, int, const char *, int); return real___open_2(map(p, b, sizeof b), flags); }
int __open64_2(const char *p, int flags) { char b[512]; REAL(__open64_2, int, const char *, int); return real___open64_2(map(p, b, sizeof b), flags); }
int __openat_2(int d, const char *p, int flags) { char b[512]; REAL(__openat_2, int, int, const char *, int); return real___openat_2(d, map(p, b, sizeof b), flags); }
int __openat64_2(int d, const char *p, int flags) { char b[512]; REAL(__openat64_2, int, int, const char *, int); return real___openat64_2(d, map(p, b, sizeof b), flags); }
FILE *fopen(const char *p, const char *m) { char b[512]; REAL(fopen, FILE *, const char *, const char *); return real_fopen(map(p, b, sizeof b), m); }
FILE *fopen64(const char *p, const char *m) { char b[512]; REAL(fopen64, FILE *, const char *, const char *); return real_fopen64(map(p, b, sizeof b), m); }
int stat(const char *p, struct stat *s) { char b[512]; REAL(stat, int, const char *, struct stat *); return real_stat(map(p, b, sizeof b), s); }
int lstat(const char *p, struct stat *s) { char b[512]; REAL(lstat, int, const char *, struct stat *); return real_lstat(map(p, b, sizeof b), s); }
int stat64(const char *p, struct stat64 *s) { char b[512]; REAL(stat64, int, const char *, struct stat64 *); return real_stat64(map(p, b, sizeof b), s); }
int lstat64(const char *p, struct stat64 *s) { char b[512]; REAL(lstat64, int, const char *, struct stat64 *); return real_lstat64(map(p, b, sizeof b), s); }
int fstatat(int d, const char *p, struct stat *s, int f) { char b[512]; REAL(fstatat, int, int, const char *, struct stat *, int); return real_fstatat(d, map(p, b, sizeof b), s, f); }
int fstatat64(int d, const char *p, struct stat64 *s, int f) { char b[512]; REAL(fstatat64, int, int, const char *, struct stat64 *, int); return real_fstatat64(d, map(p, b, sizeof b), s, f); }
int statx(int d, const char *p, int f, unsigned int m, struct statx *s) { char b[512]; REAL(statx, int, int, const char *, int, unsigned int, struct statx *); return real_statx(d, map(p, b, sizeof b), f, m, s); }
int access(const char *p, int m) { char b[512]; REAL(access, int, const char *, int); return real_access(map(p, b, sizeof b), m); }
int faccessat(int d, const char *p, int m, int f) { char b[512]; REAL(faccessat, int, int, const char *, int, int); return real_faccessat(d, map(p, b, sizeof b), m, f); }
DIR *opendir(const char *p) { char b[512]; REAL(opendir, DIR *, const char *); return real_opendir(map(p, b, sizeof b)); }
