/* replay.c: main() for a fuzz target built without libFuzzer (make check).
 *
 * usage: replay_NAME PATH...
 * Feeds each regular file (a directory: each regular file in it, in name
 * order) to LLVMFuzzerTestOneInput, in a buffer of exactly its size so that
 * a sanitizer build catches a read past the end. A path that does not exist
 * is skipped (a target may have no regression inputs yet); any other error
 * fails. Prints "replayed N inputs" and exits 0; a broken contract aborts
 * in the target, naming the input on stderr first. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* Reads the whole file at path into a malloc'd buffer of its size. */
static int slurp(const char *path, uint8_t **ret, size_t *ret_len)
{
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        struct stat st;
        if (fstat(fd, &st) < 0 || st.st_size < 0) {
                int r = -errno;
                close(fd);
                return r;
        }
        size_t size = (size_t)st.st_size, len = 0;
        uint8_t *data = malloc(size ? size : 1);
        while (data && len < size) {
                ssize_t n = read(fd, data + len, size - len);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        break;
                len += (size_t)n;
        }
        close(fd);
        if (!data || len != size) {
                free(data);
                return data ? -EIO : -ENOMEM;
        }
        *ret = data;
        *ret_len = size;
        return 0;
}

static int replay_file(const char *path, unsigned *count)
{
        uint8_t *data = NULL;
        size_t size = 0;
        int r = slurp(path, &data, &size);
        if (r < 0) {
                fprintf(stderr, "replay: %s: %s\n", path, strerror(-r));
                return r;
        }
        fprintf(stderr, "replay: %s\n", path);
        LLVMFuzzerTestOneInput(data, size);
        free(data);
        (*count)++;
        return 0;
}

static int only_visible(const struct dirent *d)
{
        return d->d_name[0] != '.';
}

static int replay_dir(const char *dir, unsigned *count)
{
        struct dirent **names;
        int n = scandir(dir, &names, only_visible, alphasort);
        if (n < 0) {
                fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
                return -1;
        }
        int r = 0;
        for (int i = 0; i < n; i++) {
                char path[4096];
                struct stat st;
                snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
                if (r == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
                        r = replay_file(path, count);
                free(names[i]);
        }
        free(names);
        return r;
}

int main(int argc, char **argv)
{
        unsigned count = 0;
        for (int i = 1; i < argc; i++) {
                struct stat st;
                if (stat(argv[i], &st) < 0) {
                        if (errno == ENOENT)
                                continue;
                        fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
                        return 1;
                }
                int r = S_ISDIR(st.st_mode) ? replay_dir(argv[i], &count) : replay_file(argv[i], &count);
                if (r < 0)
                        return 1;
        }
        printf("replayed %u inputs\n", count);
        return 0;
}
