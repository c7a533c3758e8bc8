#pragma once

#include <QString>
#include <cstdint>

namespace auth::accounts {

// Argon2id cost parameters. The defaults are OWASP's first recommendation
// (19 MiB, 2 passes, 1 lane); about 31 ms per hash on one core here.
struct Argon2Params
{
    uint32_t memoryKiB = 19456;
    uint32_t iterations = 2;
    uint32_t parallelism = 1;

    friend bool operator==(const Argon2Params&, const Argon2Params&) = default;
};

// Argon2id password hashes in PHC string form ($argon2id$v=19$m=…,t=…,p=…$salt$hash),
// 16-byte random salt, 32-byte hash. Passwords are NFKC-normalised and hashed as
// UTF-8, so every caller agrees on what was hashed.
// Immutable after construction: one instance may be used from many threads at once.
class PasswordHasher
{
public:
    // Upper bounds on the parameters of a stored hash (and of our own): a tampered
    // row must not make a single verify allocate more or run longer than this.
    static constexpr uint32_t kMaxMemoryKiB = 4u * 1024u * 1024u; // 4 GiB
    static constexpr uint32_t kMaxIterations = 20;
    static constexpr uint32_t kMaxParallelism = 16;
    static constexpr int kSaltBytes = 16;
    static constexpr int kHashBytes = 32;

    // `params` must be valid (see validate()); the constructor computes one hash
    // with them for verifyDummy() and aborts on invalid parameters.
    explicit PasswordHasher(Argon2Params params = {});

    // Why `params` cannot be used (libargon2's minimums, our maximums), or empty.
    static QString validate(const Argon2Params& params);

    const Argon2Params& params() const { return m_params; }

    // A PHC string with the current parameters, or an empty string if hashing
    // failed (no entropy, out of memory): callers treat that as an internal error.
    QString hash(const QString& password) const;

    // True only when `phc` is a well-formed Argon2id v19 PHC string within the
    // parameter bounds above and `password` matches it; false for anything else.
    bool verify(const QString& phc, const QString& password) const;

    // True when `phc` was not made with the current parameters (or is malformed),
    // so the caller should store a fresh hash() after a successful verify().
    bool needsRehash(const QString& phc) const;

    // Costs the same as verify() against a hash made with the current parameters.
    // Call it for unknown accounts so timing does not reveal whether one exists.
    void verifyDummy(const QString& password) const;

private:
    Argon2Params m_params;
    QString m_dummyPhc; // a hash of a random password, made with m_params
};

} // namespace auth::accounts
