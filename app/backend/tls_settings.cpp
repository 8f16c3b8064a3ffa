#include "tls_settings.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace kiosk::backend {

BackendSettings BackendSettings::fromConfig(const KioskConfig::Backend& backend) {
    return {backend.portalUrl, backend.caFile, backend.clientCert, backend.clientKey,
            backend.timeoutMs};
}

Result<QSslConfiguration, BackendError> makeTlsConfiguration(const BackendSettings& s) {
    auto error = [](const QString& message) {
        return fail(BackendError{BackendError::Code::Config, message, 0, QStringLiteral("tls")});
    };
    if (!s.portalUrl.isValid() || s.portalUrl.scheme() != QLatin1String("https")) {
        return error(QStringLiteral("backend.portal_url must be an https:// URL"));
    }
    const auto cas = QSslCertificate::fromPath(s.caFile);
    if (s.caFile.isEmpty() || cas.isEmpty()) {
        return error(QStringLiteral("backend.ca_file: no CA certificate in \"%1\"").arg(s.caFile));
    }
    const auto certs = QSslCertificate::fromPath(s.clientCert);
    if (s.clientCert.isEmpty() || certs.isEmpty()) {
        return error(
            QStringLiteral("backend.client_cert: no certificate in \"%1\"").arg(s.clientCert));
    }
    QFile keyFile(s.clientKey);
    if (s.clientKey.isEmpty() || !keyFile.open(QIODevice::ReadOnly)) {
        return error(QStringLiteral("backend.client_key: cannot read \"%1\"").arg(s.clientKey));
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Ec);
    if (key.isNull()) {
        key = QSslKey(pem, QSsl::Rsa);
    }
    if (key.isNull()) {
        return error(
            QStringLiteral("backend.client_key: no usable private key in \"%1\"").arg(s.clientKey));
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(cas);
    config.setLocalCertificateChain(certs);
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    return config;
}

}  // namespace kiosk::backend
