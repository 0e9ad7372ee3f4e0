#include "core/store/sqlite_db.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "tests/store/store_test_util.h"

namespace sparsetune {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(SqliteDb, BindsAndReadsEveryType) {
  SqliteDb db(test::fresh_dir() / "t.sqlite");
  db.exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, o INTEGER)");
  auto insert = db.query("INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
  insert.bind_all(int64_t{1} << 40, 0.25, std::string("héllo\0x", 8), std::optional<int64_t>(7)).run();
  // run() leaves the statement ready to be bound again within the same borrow.
  insert.bind_all(-1, std::numeric_limits<double>::quiet_NaN(), std::string(), std::optional<int64_t>()).run();
  EXPECT_EQ(db.last_insert_rowid(), 2);
  EXPECT_EQ(db.changes(), 1);

  auto q = db.query("SELECT i, r, s, o FROM t ORDER BY rowid");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.int64(0), int64_t{1} << 40);
  EXPECT_EQ(q.real(1), 0.25);
  EXPECT_EQ(q.text(2), std::string("héllo\0x", 8));  // embedded NUL kept: the length is bound, not strlen
  EXPECT_EQ(q.optional_int64(3), 7);
  EXPECT_EQ(q.optional_real(1), 0.25);
  ASSERT_TRUE(q.step());
  EXPECT_TRUE(q.is_null(1));  // NaN went in as NULL ...
  EXPECT_TRUE(std::isnan(q.real(1)));  // ... and comes back as NaN
  EXPECT_EQ(q.optional_real(1), std::nullopt);
  EXPECT_EQ(q.optional_int64(3), std::nullopt);
  EXPECT_EQ(q.text(2), "");
  EXPECT_FALSE(q.step());
}

TEST(SqliteDb, StatementIsResetWhenTheBorrowEnds) {
  SqliteDb db(test::fresh_dir() / "t.sqlite");
  db.exec("CREATE TABLE t (i INTEGER); INSERT INTO t VALUES (1), (2);");
  for (int round = 0; round < 2; ++round) {
    auto q = db.query("SELECT i FROM t ORDER BY i");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 1);  // starts from the first row again: the half-read round was reset
  }
}

TEST(SqliteDb, RefusesToLendAStatementTwiceAtOnce) {
  SqliteDb db(test::fresh_dir() / "t.sqlite");
  auto first = db.query("SELECT 1");
  EXPECT_THAT(test::plain_error([&] { db.query("SELECT 1"); }), HasSubstr("statement already in use: SELECT 1"));
}

TEST(SqliteDb, SqlErrorNamesFileStatementAndMessage) {
  const auto path = test::fresh_dir() / "t.sqlite";
  SqliteDb db(path);
  EXPECT_THAT(test::plain_error([&] { db.query("SELEC 1"); }),
              AllOf(HasSubstr(path.string()), HasSubstr("SELEC 1"), HasSubstr("syntax error")));
  EXPECT_THAT(test::plain_error([&] { db.exec("INSERT INTO missing VALUES (1)"); }),
              AllOf(HasSubstr("no such table: missing"), HasSubstr("INSERT INTO missing")));
  db.exec("CREATE TABLE t (i INTEGER NOT NULL)");
  EXPECT_THAT(test::plain_error([&] { db.query("INSERT INTO t VALUES (?1)").bind_all(std::optional<int64_t>()).run(); }),
              HasSubstr("NOT NULL constraint failed: t.i"));
  EXPECT_THAT(test::plain_error([&] { db.query("SELECT ?1").bind(2, int64_t{1}); }), HasSubstr("column index out of range"));
}

TEST(SqliteDb, TransactionCommitsOrRollsBack) {
  SqliteDb db(test::fresh_dir() / "t.sqlite");
  db.exec("CREATE TABLE t (i INTEGER)");
  {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (1)");
    tx.commit();
  }
  try {
    Transaction tx(db);
    db.exec("INSERT INTO t VALUES (2)");
    throw std::runtime_error("something failed half-way");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(db.in_transaction());
  {
    Transaction tx(db);
    EXPECT_TRUE(db.in_transaction());
    db.exec("INSERT INTO t VALUES (3); ROLLBACK");  // ended early, as some failures do by themselves
  }  // nothing left to roll back
  auto q = db.query("SELECT group_concat(i) FROM t");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "1");
}

TEST(SqliteDb, TryExecSaysWhenTheDatabaseIsLocked) {
  const auto path = test::fresh_dir() / "t.sqlite";
  SqliteDb holder(path);
  SqliteDb other(path);  // no busy timeout: a lock is reported at once
  holder.exec("BEGIN EXCLUSIVE; CREATE TABLE t (i INTEGER);");
  EXPECT_FALSE(other.try_exec("CREATE TABLE u (i INTEGER)"));
  holder.exec("COMMIT");
  EXPECT_TRUE(other.try_exec("CREATE TABLE u (i INTEGER)"));
  EXPECT_THAT(test::plain_error([&] { other.try_exec("CREATE TABLE u (i INTEGER)"); }),
              HasSubstr("table u already exists"));
}

TEST(SqliteDb, FileThatIsNotADatabaseIsInputError) {
  const auto path = test::fresh_dir() / "notes.txt";
  std::ofstream(path) << std::string(8192, 'x');
  SqliteDb db(path);  // SQLite reads lazily ...
  auto e = test::input_error([&] { db.exec("PRAGMA journal_mode = WAL"); });  // ... the first read tells
  EXPECT_EQ(e.file(), path.string());
  EXPECT_EQ(e.field(), "database");
  EXPECT_THAT(e.problem(), HasSubstr("file is not a database"));
}

TEST(SqliteDb, UnopenableFileIsInputError) {
  const auto path = test::fresh_dir() / "no such folder" / "t.sqlite";
  auto e = test::input_error([&] { SqliteDb db(path); });
  EXPECT_EQ(e.file(), path.string());
  EXPECT_EQ(e.field(), "database");
  EXPECT_THAT(e.problem(), HasSubstr("cannot open or create the file: unable to open database file"));
}

TEST(SqliteDb, FileThatOpensButCannotBeWrittenIsInputError) {
  // A file that no one may write, not even root (whom file modes do not stop): SQLite opens it read-only
  // and fails when it must write.
  const std::filesystem::path path = "/proc/version";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "needs Linux's /proc";
  SqliteDb db(path);
  auto e = test::input_error([&] { db.exec("PRAGMA journal_mode = WAL"); });
  EXPECT_EQ(e.file(), path.string());
  EXPECT_EQ(e.field(), "database");
  EXPECT_EQ(e.problem(), "cannot open: unable to open database file");
}

}  // namespace
}  // namespace sparsetune
