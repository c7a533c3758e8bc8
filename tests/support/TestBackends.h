#pragma once

#include <QString>

namespace auth::test {

// Shared stores for a TestServer when the suite runs in its PostgreSQL + Redis
// variant (AUTH_TEST_BACKENDS=postgres-redis, registered by
// auth_add_backend_variant): a fresh database with a random name on
// AUTH_TEST_POSTGRES_URL and a random key prefix on AUTH_TEST_REDIS_URL, both
// removed again by the destructor, so parallel tests never see each other.
class TestBackends
{
public:
    TestBackends() = default;
    ~TestBackends();
    TestBackends(const TestBackends&) = delete;
    TestBackends& operator=(const TestBackends&) = delete;

    // True when this run asks for the shared backends.
    static bool requested();
    // Creates the database and picks the prefix; false (with a message naming
    // the missing variables, which ctest reports as a skip) when unavailable.
    bool create(QString* error);
    void drop();

    QString databaseUrl() const { return m_databaseUrl; }
    QString redisUrl() const { return m_redisUrl; }
    QString redisPrefix() const { return m_redisPrefix; }

private:
    QString m_adminUrl;
    QString m_databaseName;
    QString m_databaseUrl;
    QString m_redisUrl;
    QString m_redisPrefix;
};

} // namespace auth::test
