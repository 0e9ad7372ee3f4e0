#include "core/store/sqlite_db.h"

#include <sqlite3.h>

#include <cmath>
#include <limits>

#include "core/util/error.h"

namespace sparsetune {

Statement::Statement(SqliteDb& db, const std::string& sql, Cached& cached) : db_(db), sql_(sql), cached_(cached) {
  cached_.borrowed = true;
}

Statement::~Statement() {
  sqlite3_reset(cached_.stmt);
  sqlite3_clear_bindings(cached_.stmt);
  cached_.borrowed = false;
}

Statement& Statement::bind(int index, int64_t value) {
  if (int rc = sqlite3_bind_int64(cached_.stmt, index, value); rc != SQLITE_OK) db_.fail(rc, sql_);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  // sqlite3_bind_double would turn NaN into NULL anyway; saying so keeps the mapping explicit.
  int rc = std::isnan(value) ? sqlite3_bind_null(cached_.stmt, index) : sqlite3_bind_double(cached_.stmt, index, value);
  if (rc != SQLITE_OK) db_.fail(rc, sql_);
  return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
  int rc = sqlite3_bind_text64(cached_.stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.fail(rc, sql_);
  return *this;
}

Statement& Statement::bind(int index, std::optional<int64_t> value) {
  if (value) return bind(index, *value);
  if (int rc = sqlite3_bind_null(cached_.stmt, index); rc != SQLITE_OK) db_.fail(rc, sql_);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(cached_.stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail(rc, sql_);
}

void Statement::run() {
  while (step()) {
  }
  // Ready to be bound and run again within the same borrow (binding a finished statement is misuse).
  sqlite3_reset(cached_.stmt);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(cached_.stmt, column) == SQLITE_NULL; }

int64_t Statement::int64(int column) const { return sqlite3_column_int64(cached_.stmt, column); }

double Statement::real(int column) const {
  return is_null(column) ? std::numeric_limits<double>::quiet_NaN() : sqlite3_column_double(cached_.stmt, column);
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(cached_.stmt, column);
  int n = sqlite3_column_bytes(cached_.stmt, column);  // after _text, as SQLite's docs require
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::optional<int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return int64(column);
}

std::optional<double> Statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

SqliteDb::SqliteDb(std::filesystem::path path) : path_(std::move(path)) {
  int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw InputError(path_.string(), "database", "cannot open or create the file: " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

SqliteDb::~SqliteDb() {
  for (auto& [sql, cached] : statements_) sqlite3_finalize(cached.stmt);
  // The last connection to close checkpoints the WAL into the main file and removes it.
  sqlite3_close(db_);
}

void SqliteDb::exec(const std::string& sql) {
  if (int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr); rc != SQLITE_OK) fail(rc, sql);
}

bool SqliteDb::try_exec(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return true;
  if ((rc & 0xff) == SQLITE_BUSY) return false;
  fail(rc, sql);
}

Statement SqliteDb::query(const std::string& sql) {
  auto [it, inserted] = statements_.try_emplace(sql);
  auto& cached = it->second;
  if (inserted) {
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1), SQLITE_PREPARE_PERSISTENT,
                                &cached.stmt, nullptr);
    if (rc != SQLITE_OK) {
      statements_.erase(it);
      fail(rc, sql);
    }
  } else if (cached.borrowed) {
    throw Error(path_.string() + ": internal error: statement already in use: " + sql);
  }
  return Statement(*this, it->first, cached);
}

int64_t SqliteDb::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int64_t SqliteDb::changes() const { return sqlite3_changes64(db_); }

bool SqliteDb::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void SqliteDb::fail(int rc, const std::string& sql) const {
  std::string message = sqlite3_errmsg(db_);
  switch (rc & 0xff) {  // the primary code; extended codes refine it in the upper bits
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      throw InputError(path_.string(), "database",
                       message + "; expected a sparsetune run database (SQLite); move the file away to start afresh");
    case SQLITE_CANTOPEN:
      throw InputError(path_.string(), "database", "cannot open: " + message);
    default:
      throw Error(path_.string() + ": SQLite error: " + message + "\n  in: " + sql);
  }
}

Transaction::Transaction(SqliteDb& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  // Some failures (SQLITE_FULL, for one) roll the transaction back by themselves.
  if (!open_ || !db_.in_transaction()) return;
  // Its result is not checked: a destructor cannot throw, and a rollback of an open transaction only
  // fails when the connection itself is broken, which the next statement reports.
  sqlite3_exec(db_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace sparsetune
