/*
 * The engine's best single-connection layout for the benchmark workload, as a careful C programmer writes it:
 * per batch of 100,000 events all base rows, then each child table's rows, in id order, 64 rows per INSERT OR FAIL;
 * foreign_keys=OFF, 16 KiB pages, SQLITE_OPEN_NOMUTEX, a 64 MiB cache, WAL + synchronous=NORMAL; text and blobs
 * pre-encoded (UTF-8) before the clock starts and bound SQLITE_STATIC. Built by the benchmark with the system C
 * compiler against the libe_sqlite3 that EventDb's package ships, and called in-process (CMaxLayout.cs).
 *
 * With append ids (cmax_open's append_ids), a chunk whose ids are its table's largest id + 1, 2, 3... binds them as
 * NULL, so SQLite appends at the B-tree's end and gives each row that id: the rule EventDb follows (every base-table
 * chunk here; child chunks only when no other kind falls between their events). Without, every id is bound.
 *
 * Only BEGIN..COMMIT of the batches is timed (cmax_write): opening, the DDL and the closing checkpoint are not.
 * The sqlite3 prototypes are declared here, so no sqlite3 development headers are needed.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_open_v2(const char *path, sqlite3 **db, int flags, const char *vfs);
int sqlite3_close_v2(sqlite3 *db);
int sqlite3_exec(sqlite3 *db, const char *sql, void *callback, void *arg, char **error);
int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int bytes, sqlite3_stmt **stmt, const char **tail);
int sqlite3_bind_int64(sqlite3_stmt *stmt, int index, int64_t value);
int sqlite3_bind_text(sqlite3_stmt *stmt, int index, const char *text, int bytes, void (*destructor)(void *));
int sqlite3_bind_blob(sqlite3_stmt *stmt, int index, const void *blob, int bytes, void (*destructor)(void *));
int sqlite3_bind_null(sqlite3_stmt *stmt, int index);
int sqlite3_step(sqlite3_stmt *stmt);
int sqlite3_reset(sqlite3_stmt *stmt);
int sqlite3_finalize(sqlite3_stmt *stmt);
const char *sqlite3_errmsg(sqlite3 *db);

#define SQLITE_OK 0
#define SQLITE_DONE 101
#define SQLITE_OPEN_READWRITE 0x2
#define SQLITE_OPEN_CREATE 0x4
#define SQLITE_OPEN_NOMUTEX 0x8000
#define SQLITE_STATIC ((void (*)(void *))0)

#define ROWS_PER_INSERT 64
#define EVENTS_PER_TRANSACTION 100000

enum kind { SYSCALL = 0, READ = 1, WRITE = 2, KINDS = 3 };

/* A value as the serialized workload holds it: text/blob bytes (bytes < 0: NULL) or an integer (is_null: NULL). */
typedef struct { const char *bytes; int32_t length; } span;
typedef struct { int64_t value; int is_null; } integer;

typedef struct { int kind; int64_t proc_id; span procname; int64_t id; } base_row;
typedef struct { int64_t id; span name; integer retno; span retno_repr; integer arg[6]; span arg_repr[6]; } syscall_row;
typedef struct { int64_t id; int64_t fd; span fname; span buffer; } io_row;

static const char *const kind_names[KINDS] = { "syscall", "read", "write" };
static const char *const table_sql[KINDS + 1] = {
    "syscall (id, name, retno, retno_repr, arg0, arg0_repr, arg1, arg1_repr, arg2, arg2_repr, arg3, arg3_repr, arg4, arg4_repr, arg5, arg5_repr)",
    "read (id, fd, fname, buffer)",
    "write (id, fd, fname, buffer)",
    "event (id, type, procname, proc_id)",
};
static const int table_columns[KINDS + 1] = { 16, 4, 4, 4 };
#define BASE KINDS

static unsigned char *data;
static base_row *events;
static syscall_row *syscalls;
static io_row *ios[KINDS];
static int64_t event_count, counts[KINDS];
static sqlite3 *db;
static int append_ids;
static int64_t largest_id[KINDS + 1]; /* per table, in this file */
/* statements[table][k]: an INSERT of k rows, prepared when first needed */
static sqlite3_stmt *statements[KINDS + 1][ROWS_PER_INSERT + 1];
static char error[512];

static int fail(const char *what)
{
    snprintf(error, sizeof error, "%s: %s", what, db ? sqlite3_errmsg(db) : "no connection");
    return 1;
}

const char *cmax_error(void) { return error; }

/* ---- reading the serialized workload (CMaxLayout.Serialize writes it) ---- */

static const unsigned char *cursor;

static int64_t read_i64(void) { int64_t v; memcpy(&v, cursor, 8); cursor += 8; return v; }
static int32_t read_i32(void) { int32_t v; memcpy(&v, cursor, 4); cursor += 4; return v; }
static integer read_integer(void) { integer v; v.is_null = *cursor++ == 0; v.value = read_i64(); return v; }

static span read_span(void)
{
    span s;
    s.length = read_i32();
    s.bytes = (const char *)cursor;
    if (s.length > 0)
        cursor += s.length;
    return s;
}

/* Takes a copy of the workload and indexes it; everything bound later points into that copy. */
int cmax_load(const unsigned char *bytes, int64_t size, int64_t count)
{
    free(data), free(events), free(syscalls), free(ios[READ]), free(ios[WRITE]);
    memset(counts, 0, sizeof counts);
    data = malloc((size_t)size);
    events = calloc((size_t)count, sizeof *events);
    syscalls = calloc((size_t)count, sizeof *syscalls);
    for (int k = READ; k <= WRITE; k++)
        ios[k] = calloc((size_t)count, sizeof(io_row));
    if (!data || !events || !syscalls || !ios[READ] || !ios[WRITE])
        return snprintf(error, sizeof error, "out of memory"), 1;
    memcpy(data, bytes, (size_t)size);
    cursor = data;
    event_count = count;
    for (int64_t n = 0; n < count; n++) {
        base_row *e = &events[n];
        e->id = n + 1;
        e->kind = *cursor++;
        e->proc_id = read_i64();
        e->procname = read_span();
        if (e->kind == SYSCALL) {
            syscall_row *s = &syscalls[counts[SYSCALL]++];
            s->id = e->id;
            s->name = read_span();
            s->retno = read_integer();
            s->retno_repr = read_span();
            for (int a = 0; a < 6; a++) {
                s->arg[a] = read_integer();
                s->arg_repr[a] = read_span();
            }
        } else {
            io_row *r = &ios[e->kind][counts[e->kind]++];
            r->id = e->id;
            r->fd = read_i64();
            r->fname = read_span();
            r->buffer = read_span();
        }
    }
    return cursor == data + size ? 0 : (snprintf(error, sizeof error, "workload size mismatch"), 1);
}

/* ---- the connection ---- */

int cmax_open(const char *path, const char *ddl, int append)
{
    append_ids = append;
    memset(largest_id, 0, sizeof largest_id);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return fail("open");
    const char *setup =
        "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA cache_size=-65536; PRAGMA foreign_keys=OFF;";
    if (sqlite3_exec(db, setup, NULL, NULL, NULL) != SQLITE_OK)
        return fail("pragmas");
    if (sqlite3_exec(db, ddl, NULL, NULL, NULL) != SQLITE_OK)
        return fail("create tables");
    return 0;
}

static sqlite3_stmt *insert_of(int table, int rows)
{
    if (statements[table][rows])
        return statements[table][rows];
    char sql[32768];
    int columns = table_columns[table];
    int at = snprintf(sql, sizeof sql, "INSERT OR FAIL INTO %s VALUES ", table_sql[table]);
    for (int r = 0; r < rows; r++) {
        sql[at++] = r ? ',' : ' ';
        sql[at++] = '(';
        for (int c = 0; c < columns; c++) {
            if (c)
                sql[at++] = ',';
            sql[at++] = '?';
        }
        sql[at++] = ')';
    }
    sql[at] = 0;
    if (sqlite3_prepare_v2(db, sql, at + 1, &statements[table][rows], NULL) != SQLITE_OK)
        return NULL;
    return statements[table][rows];
}

static void bind_span(sqlite3_stmt *s, int i, span v, int blob)
{
    if (v.length < 0)
        sqlite3_bind_null(s, i);
    else if (blob)
        sqlite3_bind_blob(s, i, v.bytes, v.length, SQLITE_STATIC);
    else
        sqlite3_bind_text(s, i, v.bytes, v.length, SQLITE_STATIC);
}

static void bind_integer(sqlite3_stmt *s, int i, integer v)
{
    if (v.is_null)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int64(s, i, v.value);
}

static int64_t id_of(int table, int64_t index)
{
    return table == BASE ? events[index].id : table == SYSCALL ? syscalls[index].id : ios[table][index].id;
}

/* Whether rows [from, from + rows) of a table have the ids that follow its largest one, without a gap. */
static int ids_follow_on(int table, int64_t from, int rows)
{
    int64_t first = id_of(table, from);
    if (first != largest_id[table] + 1)
        return 0;
    for (int r = 1; r < rows; r++)
        if (id_of(table, from + r) != first + r)
            return 0;
    return 1;
}

static void bind_id(sqlite3_stmt *s, int p, int64_t id, int append)
{
    if (append)
        sqlite3_bind_null(s, p);
    else
        sqlite3_bind_int64(s, p, id);
}

static int bind_row(sqlite3_stmt *s, int table, int64_t index, int p, int append)
{
    if (table == BASE) {
        const base_row *e = &events[index];
        bind_id(s, p, e->id, append);
        sqlite3_bind_text(s, p + 1, kind_names[e->kind], -1, SQLITE_STATIC);
        bind_span(s, p + 2, e->procname, 0);
        sqlite3_bind_int64(s, p + 3, e->proc_id);
    } else if (table == SYSCALL) {
        const syscall_row *r = &syscalls[index];
        bind_id(s, p, r->id, append);
        bind_span(s, p + 1, r->name, 0);
        bind_integer(s, p + 2, r->retno);
        bind_span(s, p + 3, r->retno_repr, 0);
        for (int a = 0; a < 6; a++) {
            bind_integer(s, p + 4 + 2 * a, r->arg[a]);
            bind_span(s, p + 5 + 2 * a, r->arg_repr[a], 0);
        }
    } else {
        const io_row *r = &ios[table][index];
        bind_id(s, p, r->id, append);
        sqlite3_bind_int64(s, p + 1, r->fd);
        bind_span(s, p + 2, r->fname, 0);
        bind_span(s, p + 3, r->buffer, 1);
    }
    return p + table_columns[table];
}

/* Rows [from, to) of one table, 64 per statement. */
static int insert_rows(int table, int64_t from, int64_t to)
{
    while (from < to) {
        int rows = to - from < ROWS_PER_INSERT ? (int)(to - from) : ROWS_PER_INSERT;
        sqlite3_stmt *s = insert_of(table, rows);
        if (!s)
            return fail("prepare");
        int append = append_ids && ids_follow_on(table, from, rows);
        int p = 1;
        for (int r = 0; r < rows; r++)
            p = bind_row(s, table, from + r, p, append);
        if (sqlite3_step(s) != SQLITE_DONE)
            return fail("insert");
        sqlite3_reset(s);
        from += rows;
        largest_id[table] = id_of(table, from - 1);
    }
    return 0;
}

/* Writes every loaded event, one transaction per 100,000: the timed part. */
int cmax_write(void)
{
    int64_t next[KINDS] = { 0, 0, 0 };
    for (int64_t start = 0; start < event_count; start += EVENTS_PER_TRANSACTION) {
        int64_t end = start + EVENTS_PER_TRANSACTION < event_count ? start + EVENTS_PER_TRANSACTION : event_count;
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return fail("begin");
        if (insert_rows(BASE, start, end))
            return 1;
        /* this batch's child rows: each table's rows whose ids fall in [start + 1, end] */
        for (int k = 0; k < KINDS; k++) {
            int64_t from = next[k];
            while (next[k] < counts[k] && (k == SYSCALL ? syscalls[next[k]].id : ios[k][next[k]].id) <= end)
                next[k]++;
            if (insert_rows(k, from, next[k]))
                return 1;
        }
        if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            return fail("commit");
    }
    return 0;
}

int cmax_close(void)
{
    for (int t = 0; t <= KINDS; t++)
        for (int k = 0; k <= ROWS_PER_INSERT; k++)
            if (statements[t][k]) {
                sqlite3_finalize(statements[t][k]);
                statements[t][k] = NULL;
            }
    int rc = sqlite3_close_v2(db);
    db = NULL;
    /* Hand the freed page cache back to the kernel, so the next run first-touches its cache as a fresh C process does
     * (and as EventDb's logger does: its insert thread is new per logger, and that thread's malloc arena gives memory
     * back when the connection closes). Without this the main arena keeps the last run's 64 MiB faulted in, and the
     * C contender alone skips ~18,000 page faults per million events. Outside the timed window. */
    malloc_trim(0);
    return rc == SQLITE_OK ? 0 : (snprintf(error, sizeof error, "close failed: %d", rc), 1);
}
