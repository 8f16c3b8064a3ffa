// The device key that encrypts the local database, and where it is kept.
//
// FileKeyStore keeps it in a file only the kiosk user may read (mode 0600). A
// TPM 2.0 backend can implement the same interface later. Keys are never
// logged; DeviceKey wipes its bytes when destroyed.
#pragma once

#include "result.h"
#include "secure_wipe.h"
#include "store_error.h"

#include <QString>
#include <array>
#include <cstdint>
#include <optional>

namespace kiosk::store {

class DeviceKey {
public:
    static constexpr std::size_t kSize = 32;  // 256 bits

    // From the kernel's CSPRNG (getrandom).
    static Result<DeviceKey, StoreError> generate();
    static DeviceKey fromBytes(const std::array<std::uint8_t, kSize>& bytes);

    DeviceKey(const DeviceKey& other) = default;
    DeviceKey& operator=(const DeviceKey& other) = default;
    ~DeviceKey();

    const std::array<std::uint8_t, kSize>& bytes() const { return m_bytes; }
    // A short, non-secret check value (HMAC of a constant under the key):
    // tells "wrong key" from "damaged file" without revealing the key.
    QByteArray checkValue() const;
    bool operator==(const DeviceKey& other) const;

private:
    DeviceKey() = default;
    std::array<std::uint8_t, kSize> m_bytes{};
};

class KeyStore {
public:
    virtual ~KeyStore() = default;
    // The current key, or nullopt when none was ever created.
    virtual Result<std::optional<DeviceKey>, StoreError> load() = 0;
    // Stores a key when none exists yet; fails rather than overwrite one.
    virtual Result<void, StoreError> create(const DeviceKey& key) = 0;

    // Rekey in two steps so a crash never loses the key that opens the
    // database: stage the new key, re-encrypt, then promote it.
    virtual Result<void, StoreError> stage(const DeviceKey& next) = 0;
    virtual Result<std::optional<DeviceKey>, StoreError> staged() = 0;
    virtual Result<void, StoreError> promoteStaged() = 0;
    virtual Result<void, StoreError> discardStaged() = 0;
};

// The key as 32 raw bytes in a file, mode 0600, in a folder of mode 0700.
// Refuses a key file that others may read (a leaked key is a finding, not a
// warning).
class FileKeyStore : public KeyStore {
public:
    explicit FileKeyStore(QString path);
    // <dataDir>/keys/store.key
    static QString defaultPath(const QString& dataDir);

    Result<std::optional<DeviceKey>, StoreError> load() override;
    Result<void, StoreError> create(const DeviceKey& key) override;
    Result<void, StoreError> stage(const DeviceKey& next) override;
    Result<std::optional<DeviceKey>, StoreError> staged() override;
    Result<void, StoreError> promoteStaged() override;
    Result<void, StoreError> discardStaged() override;

    QString path() const { return m_path; }

private:
    QString stagedPath() const { return m_path + QStringLiteral(".next"); }
    Result<std::optional<DeviceKey>, StoreError> read(const QString& path);
    Result<void, StoreError> write(const QString& path, const DeviceKey& key, bool replace);
    QString m_path;
};

}  // namespace kiosk::store
