#include "outbox.h"

#include <QDateTime>
#include <QUuid>

Q_LOGGING_CATEGORY(lcStoreOutbox, "kiosk.store.outbox")

namespace kiosk::store {

namespace {

constexpr int kMaxPayloadBytes = 1024 * 1024;
constexpr int kAuditRowsKept = 10000;

const char* const kColumns =
    "id, idempotency_key, type, session_id, session_seq, priority, created_at, expires_at, "
    "attempts, next_attempt_at, status, last_error";

OutboxItem readItem(const Statement& s, bool withPayload) {
    OutboxItem item;
    item.id = s.int64(0);
    item.key = s.text(1);
    item.type = s.text(2);
    item.sessionId = s.text(3);
    item.sessionSeq = s.int64(4);
    item.priority = static_cast<int>(s.int64(5));
    item.createdAt = s.int64(6);
    item.expiresAt = s.int64(7);
    item.attempts = static_cast<int>(s.int64(8));
    item.nextAttemptAt = s.int64(9);
    item.status = s.int64(10) == 1 ? ItemStatus::DeadLetter : ItemStatus::Pending;
    item.lastError = s.text(11);
    if (withPayload) {
        item.payload = s.blob(12);
    }
    return item;
}

QString isoTime(qint64 ms) {
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs)
                  : QString();
}

Result<void, StoreError> bumpCounter(Database& db, const char* name, qint64 by) {
    auto stmt = db.prepare("UPDATE meta SET value = value + ? WHERE key = ?;");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, by).bind(2, QString::fromLatin1(name));
    return stmt->run();
}

}  // namespace

QString statusName(ItemStatus status) {
    return status == ItemStatus::DeadLetter ? QStringLiteral("dead_letter")
                                            : QStringLiteral("pending");
}

QJsonObject OutboxItem::toJson() const {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("key"), key},
            {QStringLiteral("type"), type},
            {QStringLiteral("priority"), priority},
            {QStringLiteral("status"), statusName(status)},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("created_at"), isoTime(createdAt)},
            {QStringLiteral("next_attempt_at"), isoTime(nextAttemptAt)},
            {QStringLiteral("expires_at"), isoTime(expiresAt)},
            {QStringLiteral("last_error"), lastError}};
}

QJsonObject OutboxStats::toJson() const {
    return {{QStringLiteral("pending"), pending},
            {QStringLiteral("due"), due},
            {QStringLiteral("dead_letter"), deadLetter},
            {QStringLiteral("oldest_created_at"), isoTime(oldestCreatedAt)},
            {QStringLiteral("next_attempt_at"), isoTime(nextAttemptAt)},
            {QStringLiteral("delivered_total"), deliveredTotal},
            {QStringLiteral("expired_total"), expiredTotal},
            {QStringLiteral("dead_letter_total"), deadLetterTotal},
            {QStringLiteral("used_bytes"), usage.usedBytes},
            {QStringLiteral("limit_bytes"), usage.limitBytes},
            {QStringLiteral("accepting_work"), acceptingWork}};
}

Result<QString, StoreError> Outbox::enqueue(const NewItem& item) {
    if (item.type.isEmpty() || item.sessionId.isEmpty() || item.ttlMs <= 0) {
        return fail(StoreError{StoreError::Code::InvalidArgument,
                               QStringLiteral("an outbox item needs a type, a session and a TTL")});
    }
    if (item.payload.size() > kMaxPayloadBytes) {
        return fail(StoreError{StoreError::Code::InvalidArgument,
                               QStringLiteral("payload of %1 bytes is over the %2-byte limit")
                                   .arg(item.payload.size())
                                   .arg(kMaxPayloadBytes)});
    }
    if (m_store.inTransaction()) {
        return insert(item);
    }
    QString key;
    auto r = m_store.transaction([&]() -> Result<void, StoreError> {
        auto k = insert(item);
        if (!k) {
            return fail(k.error());
        }
        key = *k;
        return {};
    });
    if (!r) {
        return fail(r.error());
    }
    return key;
}

Result<QString, StoreError> Outbox::insert(const NewItem& item) {
    if (auto room = m_store.checkRoomForNewWork(item.payload.size() + 512); !room) {
        return fail(room.error());
    }
    Database& db = m_store.db();
    auto seq =
        db.prepare("SELECT coalesce(max(session_seq), 0) + 1 FROM outbox WHERE session_id = ?;");
    if (!seq) {
        return fail(seq.error());
    }
    seq->bind(1, item.sessionId);
    if (auto row = seq->step(); !row) {
        return fail(row.error());
    }
    const qint64 sessionSeq = seq->int64(0);
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const qint64 now = m_store.now();
    auto stmt = db.prepare(
        "INSERT INTO outbox(idempotency_key, type, session_id, session_seq, priority, payload, "
        "created_at, expires_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, key)
        .bind(2, item.type)
        .bind(3, item.sessionId)
        .bind(4, sessionSeq)
        .bind(5, static_cast<int>(item.priority))
        .bindBlob(6, item.payload)
        .bind(7, now)
        .bind(8, now + item.ttlMs)
        .bind(9, now);
    if (auto r = stmt->run(); !r) {
        return fail(r.error());
    }
    return key;
}

Result<QList<OutboxItem>, StoreError> Outbox::due(int max, const QSet<qint64>& exclude) {
    // An item is a session's head when no other live item of the session
    // comes before it; dead letters and items waiting for a retry hold the
    // rest of their session back, so the session's order is never broken.
    const QByteArray sql =
        QByteArray("SELECT ") + kColumns + ", payload FROM outbox o" +
        " WHERE o.status = 0 AND o.next_attempt_at <= ?1 AND o.expires_at > ?1"
        " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.session_id = o.session_id"
        "   AND p.expires_at > ?1 AND (p.priority < o.priority OR"
        "   (p.priority = o.priority AND p.session_seq < o.session_seq)))"
        " ORDER BY o.priority, o.created_at, o.id LIMIT ?2;";
    auto stmt = m_store.db().prepare(sql.constData());
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, m_store.now()).bind(2, static_cast<qint64>(max + exclude.size()));
    QList<OutboxItem> items;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return fail(row.error());
        }
        if (!*row || items.size() >= max) {
            break;
        }
        if (!exclude.contains(stmt->int64(0))) {
            items << readItem(*stmt, true);
        }
    }
    return items;
}

Result<void, StoreError> Outbox::markDelivered(const QList<qint64>& ids) {
    if (ids.isEmpty()) {
        return {};
    }
    return m_store.transaction([&]() -> Result<void, StoreError> {
        auto stmt = m_store.db().prepare("DELETE FROM outbox WHERE id = ?;");
        if (!stmt) {
            return fail(stmt.error());
        }
        qint64 deleted = 0;
        for (qint64 id : ids) {
            stmt->reset();
            stmt->bind(1, id);
            if (auto r = stmt->run(); !r) {
                return r;
            }
            deleted += m_store.db().changes();  // 0 for a duplicate acknowledgement
        }
        return bumpCounter(m_store.db(), "delivered_total", deleted);
    });
}

Result<ItemStatus, StoreError> Outbox::markFailed(qint64 id, FailureKind kind,
                                                  const QString& reason, qint64 nextAttemptAt,
                                                  int maxAttempts) {
    ItemStatus status = ItemStatus::Pending;
    auto r = m_store.transaction([&]() -> Result<void, StoreError> {
        auto get = m_store.db().prepare(
            "SELECT attempts, idempotency_key, type FROM outbox WHERE id = ?;");
        if (!get) {
            return fail(get.error());
        }
        get->bind(1, id);
        auto row = get->step();
        if (!row) {
            return fail(row.error());
        }
        if (!*row) {
            return {};  // delivered or purged meanwhile
        }
        const int attempts = static_cast<int>(get->int64(0)) + 1;
        const QString key = get->text(1);
        const QString type = get->text(2);
        const bool dead = kind == FailureKind::Rejected || attempts >= maxAttempts;
        status = dead ? ItemStatus::DeadLetter : ItemStatus::Pending;
        auto upd = m_store.db().prepare(
            "UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, status = ? "
            "WHERE id = ?;");
        if (!upd) {
            return fail(upd.error());
        }
        upd->bind(1, attempts).bind(2, reason.left(200)).bind(3, nextAttemptAt);
        upd->bind(4, dead ? 1 : 0).bind(5, id);
        if (auto e = upd->run(); !e) {
            return e;
        }
        if (dead) {
            qCWarning(lcStoreOutbox) << "item" << key << "moved to dead letter after" << attempts
                                     << "attempts:" << reason;
            if (auto e = bumpCounter(m_store.db(), "dead_total", 1); !e) {
                return e;
            }
            return m_store.audit(QStringLiteral("outbox.dead_letter"), key,
                                 QStringLiteral("type=%1 attempts=%2 reason=%3")
                                     .arg(type)
                                     .arg(attempts)
                                     .arg(reason.left(200)));
        }
        return {};
    });
    if (!r) {
        return fail(r.error());
    }
    return status;
}

Result<int, StoreError> Outbox::purgeExpired() {
    int purged = 0;
    auto r = m_store.transaction([&]() -> Result<void, StoreError> {
        const qint64 now = m_store.now();
        auto sel = m_store.db().prepare(
            "SELECT id, idempotency_key, type, attempts, status, created_at FROM outbox "
            "WHERE expires_at <= ?;");
        if (!sel) {
            return fail(sel.error());
        }
        sel->bind(1, now);
        QList<qint64> ids;
        for (;;) {
            auto row = sel->step();
            if (!row) {
                return fail(row.error());
            }
            if (!*row) {
                break;
            }
            ids << sel->int64(0);
            const QString detail = QStringLiteral("type=%1 attempts=%2 status=%3 created_at=%4")
                                       .arg(sel->text(2))
                                       .arg(sel->int64(3))
                                       .arg(statusName(sel->int64(4) == 1 ? ItemStatus::DeadLetter
                                                                          : ItemStatus::Pending),
                                            isoTime(sel->int64(5)));
            qCWarning(lcStoreOutbox) << "item" << sel->text(1) << "expired undelivered:" << detail;
            if (auto a = m_store.audit(QStringLiteral("outbox.expired"), sel->text(1), detail);
                !a) {
                return a;
            }
        }
        auto del = m_store.db().prepare("DELETE FROM outbox WHERE id = ?;");
        if (!del) {
            return fail(del.error());
        }
        for (qint64 id : ids) {
            del->reset();
            del->bind(1, id);
            if (auto e = del->run(); !e) {
                return e;
            }
        }
        purged = static_cast<int>(ids.size());
        if (purged > 0) {
            if (auto e = bumpCounter(m_store.db(), "expired_total", purged); !e) {
                return e;
            }
        }
        auto prune =
            m_store.db().prepare("DELETE FROM audit WHERE id <= (SELECT max(id) FROM audit) - ?;");
        if (!prune) {
            return fail(prune.error());
        }
        prune->bind(1, kAuditRowsKept);
        return prune->run();
    });
    if (!r) {
        return fail(r.error());
    }
    return purged;
}

Result<OutboxItem, StoreError> Outbox::retry(const QString& idOrKey) {
    OutboxItem item;
    auto r = m_store.transaction([&]() -> Result<void, StoreError> {
        bool isId = false;
        const qint64 id = idOrKey.toLongLong(&isId);
        const QByteArray sql = QByteArray("SELECT ") + kColumns + " FROM outbox WHERE " +
                               (isId ? "id = ?;" : "idempotency_key = ?;");
        auto sel = m_store.db().prepare(sql.constData());
        if (!sel) {
            return fail(sel.error());
        }
        if (isId) {
            sel->bind(1, id);
        } else {
            sel->bind(1, idOrKey);
        }
        auto row = sel->step();
        if (!row) {
            return fail(row.error());
        }
        if (!*row) {
            return fail(StoreError{StoreError::Code::NotFound,
                                   QStringLiteral("no outbox item %1").arg(idOrKey)});
        }
        item = readItem(*sel, false);
        const qint64 now = m_store.now();
        auto upd = m_store.db().prepare(
            "UPDATE outbox SET status = 0, attempts = 0, next_attempt_at = ? WHERE id = ?;");
        if (!upd) {
            return fail(upd.error());
        }
        upd->bind(1, now).bind(2, item.id);
        if (auto e = upd->run(); !e) {
            return e;
        }
        const QString detail =
            QStringLiteral("was=%1 attempts=%2").arg(statusName(item.status)).arg(item.attempts);
        item.status = ItemStatus::Pending;
        item.attempts = 0;
        item.nextAttemptAt = now;
        return m_store.audit(QStringLiteral("outbox.retry"), item.key, detail);
    });
    if (!r) {
        return fail(r.error());
    }
    return item;
}

Result<QList<OutboxItem>, StoreError> Outbox::list(bool withPayload) {
    const QByteArray sql = QByteArray("SELECT ") + kColumns + ", payload FROM outbox" +
                           " ORDER BY status DESC, priority, created_at, id;";
    auto stmt = m_store.db().prepare(sql.constData());
    if (!stmt) {
        return fail(stmt.error());
    }
    QList<OutboxItem> items;
    for (;;) {
        auto row = stmt->step();
        if (!row) {
            return fail(row.error());
        }
        if (!*row) {
            return items;
        }
        items << readItem(*stmt, withPayload);
    }
}

Result<OutboxStats, StoreError> Outbox::stats() {
    OutboxStats s;
    const qint64 now = m_store.now();
    auto stmt = m_store.db().prepare(
        "SELECT coalesce(sum(status = 0), 0), coalesce(sum(status = 0 AND next_attempt_at <= ?1), "
        "0),"
        " coalesce(sum(status = 1), 0), coalesce(min(created_at), 0),"
        " coalesce(min(CASE WHEN status = 0 THEN next_attempt_at END), 0) FROM outbox;");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, now);
    if (auto row = stmt->step(); !row) {
        return fail(row.error());
    }
    s.pending = stmt->int64(0);
    s.due = stmt->int64(1);
    s.deadLetter = stmt->int64(2);
    s.oldestCreatedAt = stmt->int64(3);
    s.nextAttemptAt = stmt->int64(4);
    auto meta = m_store.db().prepare("SELECT key, value FROM meta;");
    if (!meta) {
        return fail(meta.error());
    }
    for (;;) {
        auto row = meta->step();
        if (!row) {
            return fail(row.error());
        }
        if (!*row) {
            break;
        }
        const QString k = meta->text(0);
        const qint64 v = meta->int64(1);
        if (k == QLatin1String("delivered_total")) {
            s.deliveredTotal = v;
        } else if (k == QLatin1String("expired_total")) {
            s.expiredTotal = v;
        } else if (k == QLatin1String("dead_total")) {
            s.deadLetterTotal = v;
        }
    }
    auto u = m_store.usage();
    if (!u) {
        return fail(u.error());
    }
    s.usage = *u;
    s.acceptingWork = u->usedBytes < u->newWorkLimitBytes;
    return s;
}

Result<std::optional<qint64>, StoreError> Outbox::nextWakeAt(const QSet<qint64>& exclude) {
    QByteArray notIn;
    for (qint64 id : exclude) {
        notIn += (notIn.isEmpty() ? "" : ",") + QByteArray::number(id);
    }
    const QByteArray sql =
        "SELECT (SELECT min(o.next_attempt_at) FROM outbox o WHERE o.status = 0 AND o.expires_at > "
        "?1" +
        (notIn.isEmpty() ? QByteArray() : " AND o.id NOT IN (" + notIn + ")") +
        " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.session_id = o.session_id"
        "   AND p.expires_at > ?1 AND (p.priority < o.priority OR"
        "   (p.priority = o.priority AND p.session_seq < o.session_seq)))),"
        " (SELECT min(expires_at) FROM outbox);";
    auto stmt = m_store.db().prepare(sql.constData());
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, m_store.now());
    auto row = stmt->step();
    if (!row) {
        return fail(row.error());
    }
    std::optional<qint64> next;
    for (int c = 0; c < 2; ++c) {
        if (*row && !stmt->isNull(c)) {
            next = next ? std::min(*next, stmt->int64(c)) : stmt->int64(c);
        }
    }
    return next;
}

}  // namespace kiosk::store
