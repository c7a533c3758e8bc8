#pragma once

#include <QSqlDatabase>

namespace auth::storage {

// A transaction on one connection that rolls back unless committed, also when
// an exception (a store going away mid-request) leaves the scope: a request
// that cannot finish its writes leaves none of them behind.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase& db)
        : m_db(db)
        , m_active(db.transaction())
    {
    }
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool active() const { return m_active; }
    bool commit()
    {
        if (!m_active)
            return false;
        m_active = false;
        if (m_db.commit())
            return true;
        m_db.rollback();
        return false;
    }

private:
    QSqlDatabase& m_db;
    bool m_active;
};

} // namespace auth::storage
