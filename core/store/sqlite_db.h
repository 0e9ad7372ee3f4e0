// A small RAII layer over the SQLite C API: one connection, cached prepared statements, transactions,
// and errors turned into sparsetune exceptions. Used only inside core/store (and its tests).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace sparsetune {

class SqliteDb;

// A prepared statement borrowed from its connection's cache for one use. It is reset when the
// borrower is done with it, so no half-read query keeps a read snapshot open (in WAL mode an open
// snapshot would hide other connections' new rows from this one).
class Statement {
 public:
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1, as in SQL's ?1, ?2, ...
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);  // NaN is stored as NULL: SQLite has no NaN
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, std::optional<int64_t> value);

  // Binds ?1, ?2, ... in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // Advances to the next row: true when a row is ready, false when the statement is done.
  bool step();
  // Steps to completion, for statements that return no rows, and makes the statement ready to be
  // bound and run again.
  void run();

  bool is_null(int column) const;
  int64_t int64(int column) const;
  double real(int column) const;  // NULL reads as NaN, the inverse of bind(double)
  std::string text(int column) const;
  std::optional<int64_t> optional_int64(int column) const;
  std::optional<double> optional_real(int column) const;

 private:
  friend class SqliteDb;
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool borrowed = false;
  };
  Statement(SqliteDb& db, const std::string& sql, Cached& cached);

  SqliteDb& db_;
  const std::string& sql_;  // the cache's key, stable while the connection lives
  Cached& cached_;
};

class SqliteDb {
 public:
  // Opens (creating if needed) the database file. SQLite reads lazily: a file that is not a database
  // is detected by the first statement, which throws InputError(path, "database", ...).
  explicit SqliteDb(std::filesystem::path path);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Runs one or more statements whose results are not needed (DDL, PRAGMAs that set something).
  void exec(const std::string& sql);
  // Like exec, but returns false instead of throwing when the database is locked (SQLITE_BUSY).
  bool try_exec(const std::string& sql);
  // The cached prepared statement for `sql`, prepared on first use. The same statement cannot be
  // borrowed twice at once (Error), as the second use would reset the first one's rows.
  Statement query(const std::string& sql);
  int64_t last_insert_rowid() const;
  int64_t changes() const;  // rows changed by the last INSERT, UPDATE or DELETE
  bool in_transaction() const;

  // Throws the exception for SQLite result code `rc` from statement `sql`: InputError(path,
  // "database", ...) for a file that is not a database, is damaged or cannot be opened; Error naming
  // the file, the statement and SQLite's message for everything else.
  [[noreturn]] void fail(int rc, const std::string& sql) const;

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
  std::map<std::string, Statement::Cached> statements_;
  friend class Transaction;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when destroyed uncommitted (an exception on the way).
// IMMEDIATE takes the write lock up front and so waits out the busy timeout; a deferred transaction
// that reads first and writes later fails with SQLITE_BUSY at once when another connection wrote
// in between.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  SqliteDb& db_;
  bool open_ = true;
};

}  // namespace sparsetune
