#ifndef ABRI_SESSION_H
#define ABRI_SESSION_H

#include <stdint.h>

/* SQLite's session extension (compiled into Debian's libsqlite3), behind a few plain functions: the rows one
   transaction changed, as the hub protocol's pushes need them (Docs/FORMAT.md §7.4). `db` is a `sqlite3 *`. */

typedef struct abri_session abri_session;
typedef struct abri_changes abri_changes;

/* Starts recording every change made through `db` to its main database, but to the table `replica`. */
int abri_session_begin(void *db, abri_session **out);
/* The changes recorded so far, to iterate; 0 (SQLITE_OK) or an SQLite error code. */
int abri_session_changes(abri_session *session, abri_changes **out);
void abri_session_end(abri_session *session);

/* 100 (SQLITE_ROW) while there is a change, 101 (SQLITE_DONE) at the end, an error code otherwise. */
int abri_changes_next(abri_changes *changes);
/* The current change: its table, its number of columns, 1 insert / 2 update / 3 delete. */
int abri_changes_current(abri_changes *changes, const char **table, int *columns, int *operation);
/* Whether column `column` is part of the primary key. */
int abri_changes_is_key(abri_changes *changes, int column);
/* A value of the current change: the old one (`old` = 1: deletes and updates) or the new one (inserts and updates).
   type: 0 absent (an update's unchanged column), 1 integer, 2 real, 3 text, 4 blob, 5 null. */
int abri_changes_value(abri_changes *changes, int old, int column, int *type, int64_t *integer, const void **bytes,
                       int *length);
void abri_changes_free(abri_changes *changes);

#endif
