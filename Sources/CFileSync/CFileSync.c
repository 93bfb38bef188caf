#ifdef __linux__
#define _GNU_SOURCE
#include <fcntl.h>
#endif
#include "CFileSync.h"

void abri_start_writeback(int fd, long long offset, long long length) {
#ifdef __linux__
    (void)sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd; (void)offset; (void)length;
#endif
}
