/* lab-idle: a long-lived stand-in for a daemon process of the simulated estate.
 * argv is kept as given (so `exec -a "nginx: master process /usr/sbin/nginx" lab-idle`
 * shows exactly that in `ps -ef`); the kernel's comm name is set to the first word of
 * argv[0] (or $LAB_COMM), so `pgrep nginx` and `ps -e` find it too.
 * $LAB_SPAWN="name1|name2" forks one child per name (e.g. worker processes).
 * $LAB_OPEN="/path1:/path2" keeps those files open (a device model holding its disk image, so
 * `fuser` sees it and `umount` of the file system is busy, as with a real domain).
 * Exits on SIGTERM/SIGINT/SIGHUP; children get SIGTERM too. */
#include <fcntl.h>
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t kids[16];
static int nkids;

static void set_comm(const char *argv0) {
    const char *c = getenv("LAB_COMM");
    char buf[64];
    if (c == NULL || *c == '\0') {
        const char *p = strrchr(argv0, '/');
        const char *start = argv0;
        size_t n = strcspn(argv0, " :");
        if (p != NULL && (size_t)(p - argv0) < n) { start = p + 1; n = strcspn(start, " :"); }
        if (n >= sizeof buf) n = sizeof buf - 1;
        memcpy(buf, start, n); buf[n] = '\0';
        c = buf;
    }
    prctl(PR_SET_NAME, c, 0, 0, 0);
}

static void on_term(int sig) {
    for (int i = 0; i < nkids; i++) if (kids[i] > 0) kill(kids[i], SIGTERM);
    _exit(sig == SIGTERM ? 0 : 128 + sig);
}

int main(int argc, char **argv) {
    (void)argc;
    signal(SIGTERM, on_term); signal(SIGINT, on_term); signal(SIGHUP, on_term);
    const char *spawn = getenv("LAB_SPAWN");
    if (spawn != NULL && *spawn) {
        char *list = strdup(spawn);
        unsetenv("LAB_SPAWN");
        for (char *tok = strtok(list, "|"); tok && nkids < 16; tok = strtok(NULL, "|")) {
            pid_t pid = fork();
            if (pid == 0) {
                char *cargv[] = { tok, NULL };
                unsetenv("LAB_COMM");
                execv("/proc/self/exe", cargv);
                _exit(127);
            }
            kids[nkids++] = pid;
        }
    }
    const char *files = getenv("LAB_OPEN");
    if (files != NULL && *files) {
        char *list = strdup(files);
        for (char *tok = strtok(list, ":"); tok; tok = strtok(NULL, ":")) open(tok, O_RDONLY);
        unsetenv("LAB_OPEN");
    }
    set_comm(argv[0]);
    for (;;) {
        pause();
        while (waitpid(-1, NULL, WNOHANG) > 0) {}
    }
}
