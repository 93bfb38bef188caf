#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "abri_session.h"

struct abri_session {
    sqlite3_session *session;
};

struct abri_changes {
    void *buffer;
    sqlite3_changeset_iter *iterator;
};

/* A machine's own rows (the hub's address, its cursor) never travel. */
static int abri_filter(void *context, const char *table) {
    (void)context;
    return strcmp(table, "replica") != 0;
}

int abri_session_begin(void *db, abri_session **out) {
    *out = NULL;
    abri_session *session = calloc(1, sizeof *session);
    if (session == NULL) return SQLITE_NOMEM;
    int rc = sqlite3session_create((sqlite3 *)db, "main", &session->session);
    if (rc != SQLITE_OK) {
        free(session);
        return rc;
    }
    sqlite3session_table_filter(session->session, abri_filter, NULL);
    rc = sqlite3session_attach(session->session, NULL);
    if (rc != SQLITE_OK) {
        sqlite3session_delete(session->session);
        free(session);
        return rc;
    }
    *out = session;
    return SQLITE_OK;
}

int abri_session_changes(abri_session *session, abri_changes **out) {
    *out = NULL;
    abri_changes *changes = calloc(1, sizeof *changes);
    if (changes == NULL) return SQLITE_NOMEM;
    int size = 0;
    int rc = sqlite3session_changeset(session->session, &size, &changes->buffer);
    if (rc == SQLITE_OK) rc = sqlite3changeset_start(&changes->iterator, size, changes->buffer);
    if (rc != SQLITE_OK) {
        sqlite3_free(changes->buffer);
        free(changes);
        return rc;
    }
    *out = changes;
    return SQLITE_OK;
}

void abri_session_end(abri_session *session) {
    if (session == NULL) return;
    sqlite3session_delete(session->session);
    free(session);
}

int abri_changes_next(abri_changes *changes) {
    return sqlite3changeset_next(changes->iterator);
}

int abri_changes_current(abri_changes *changes, const char **table, int *columns, int *operation) {
    int op = 0, indirect = 0;
    int rc = sqlite3changeset_op(changes->iterator, table, columns, &op, &indirect);
    if (rc != SQLITE_OK) return rc;
    *operation = op == SQLITE_INSERT ? 1 : op == SQLITE_UPDATE ? 2 : 3;
    return SQLITE_OK;
}

int abri_changes_is_key(abri_changes *changes, int column) {
    unsigned char *flags = NULL;
    int columns = 0;
    if (sqlite3changeset_pk(changes->iterator, &flags, &columns) != SQLITE_OK) return 0;
    return column >= 0 && column < columns && flags[column] != 0;
}

int abri_changes_value(abri_changes *changes, int old, int column, int *type, int64_t *integer, const void **bytes,
                       int *length) {
    sqlite3_value *value = NULL;
    int rc = old ? sqlite3changeset_old(changes->iterator, column, &value)
                 : sqlite3changeset_new(changes->iterator, column, &value);
    *type = 0;
    *integer = 0;
    *bytes = NULL;
    *length = 0;
    if (rc != SQLITE_OK) return rc;
    if (value == NULL) return SQLITE_OK;
    switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER: *type = 1; *integer = sqlite3_value_int64(value); break;
    case SQLITE_FLOAT: *type = 2; break;
    case SQLITE_TEXT: *type = 3; *bytes = sqlite3_value_text(value); *length = sqlite3_value_bytes(value); break;
    case SQLITE_BLOB: *type = 4; *bytes = sqlite3_value_blob(value); *length = sqlite3_value_bytes(value); break;
    default: *type = 5; break;
    }
    return SQLITE_OK;
}

void abri_changes_free(abri_changes *changes) {
    if (changes == NULL) return;
    sqlite3changeset_finalize(changes->iterator);
    sqlite3_free(changes->buffer);
    free(changes);
}
