// What Swift's Glibc module does not import: starting the writeback of a file range without waiting.
#ifndef ABRI_CFILESYNC_H
#define ABRI_CFILESYNC_H

/// Asks the kernel to start writing `length` bytes of `fd` at `offset` to the disk now, without
/// waiting, so that the final sync of a large file waits for little. A no-op where Linux's
/// sync_file_range(2) does not exist.
void abri_start_writeback(int fd, long long offset, long long length);

#endif
