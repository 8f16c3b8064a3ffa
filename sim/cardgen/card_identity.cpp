#include "card_identity.h"

#include "cid.h"
#include "virtual_citizen.h"

#include <QDir>
#include <QDirIterator>
#include <array>

namespace kiosk::cardgen {

namespace {

struct NamePair {
    const char16_t* th;
    const char* en;
};

// Common given names and invented surnames: combinations name nobody in particular.
constexpr std::array<NamePair, 16> kMaleFirst{{
    {u"สมชาย", "Somchai"},
    {u"ธนากร", "Thanakorn"},
    {u"วีระ", "Weera"},
    {u"ประเสริฐ", "Prasert"},
    {u"สุรชัย", "Surachai"},
    {u"อนุชา", "Anucha"},
    {u"กิตติพงษ์", "Kittipong"},
    {u"ณัฐวุฒิ", "Nattawut"},
    {u"ปิยะ", "Piya"},
    {u"วิชัย", "Wichai"},
    {u"ชัยวัฒน์", "Chaiwat"},
    {u"พงศกร", "Pongsakorn"},
    {u"ศักดิ์ชัย", "Sakchai"},
    {u"อภิชาติ", "Apichat"},
    {u"ธีรศักดิ์", "Theerasak"},
    {u"บุญมี", "Boonmee"},
}};
constexpr std::array<NamePair, 16> kFemaleFirst{{
    {u"มาลี", "Malee"},
    {u"สุดา", "Suda"},
    {u"วนิดา", "Wanida"},
    {u"กาญจนา", "Kanchana"},
    {u"ปราณี", "Pranee"},
    {u"อรุณี", "Arunee"},
    {u"นภา", "Napa"},
    {u"ศิริพร", "Siriporn"},
    {u"จันทร์เพ็ญ", "Chanpen"},
    {u"รัตนา", "Rattana"},
    {u"สมศรี", "Somsri"},
    {u"พิมพ์ใจ", "Pimjai"},
    {u"ดวงใจ", "Duangjai"},
    {u"ลำดวน", "Lamduan"},
    {u"ทองคำ", "Thongkham"},
    {u"อัมพร", "Amporn"},
}};
constexpr std::array<NamePair, 16> kLast{{
    {u"ทดสอบดี", "Thotsopdee"},
    {u"ใจดี", "Jaidee"},
    {u"รักไทย", "Rakthai"},
    {u"ศรีสุข", "Srisuk"},
    {u"แก้วมณี", "Kaewmanee"},
    {u"บุญประเสริฐ", "Boonprasert"},
    {u"วงศ์สวัสดิ์", "Wongsawat"},
    {u"ทองมา", "Thongma"},
    {u"สายสุวรรณ", "Saisuwan"},
    {u"พรหมมา", "Promma"},
    {u"จันทร์แก้ว", "Chankaew"},
    {u"ชัยมงคล", "Chaimongkol"},
    {u"สุขสำราญ", "Suksamran"},
    {u"นาคประดิษฐ์", "Nakpradit"},
    {u"เพชรรัตน์", "Phetcharat"},
    {u"อินทร์ทอง", "Inthong"},
}};
constexpr std::array<const char16_t*, 6> kAddresses{{
    u"99/9 หมู่ที่ 4 ซอยทดลอง ถนนตัวอย่าง แขวงสีลม เขตบางรัก กรุงเทพมหานคร",
    u"12 หมู่ที่ 7 ตำบลหนองบัว อำเภอเมืองอุดรธานี จ.อุดรธานี",
    u"45/1 ถนนสมมติ ตำบลในเมือง อำเภอเมืองขอนแก่น จ.ขอนแก่น",
    u"7 หมู่ที่ 2 ตำบลบ้านใหม่ อำเภอเมืองเชียงใหม่ จ.เชียงใหม่",
    u"300/15 ซอยตัวอย่าง ๓ แขวงลาดยาว เขตจตุจักร กรุงเทพมหานคร",
    u"8 หมู่ที่ 11 ตำบลท่าช้าง อำเภอบางกล่ำ จ.สงขลา",
}};

int uniform(std::mt19937& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

QString th(const char16_t* s) {
    return QString::fromUtf16(s);
}

QDate fromBe(const QString& be) {
    const auto d = card::parseBuddhistDate(be.toLatin1());
    if (!d || d->isPartial()) {
        return {};
    }
    return QDate(d->year, d->month, d->day);
}

}  // namespace

QString randomCid(std::mt19937& rng) {
    QString first12 = QString::number(uniform(rng, 1, 8));
    for (int i = 0; i < 11; ++i) {
        first12 += QChar(u'0' + uniform(rng, 0, 9));
    }
    return first12 + QString::number(*cid::checkDigit(first12));
}

QString randomLaserCode(std::mt19937& rng) {
    QString code;
    code += QChar(u'A' + uniform(rng, 0, 25));
    code += QChar(u'A' + uniform(rng, 0, 25));
    for (int i = 0; i < 10; ++i) {
        code += QChar(u'0' + uniform(rng, 0, 9));
    }
    return code;
}

CardIdentity randomIdentity(std::mt19937& rng, const QStringList& photos) {
    CardIdentity id;
    id.cid = randomCid(rng);
    const bool male = uniform(rng, 0, 1) == 0;
    const NamePair& first = male ? kMaleFirst[size_t(uniform(rng, 0, kMaleFirst.size() - 1))]
                                 : kFemaleFirst[size_t(uniform(rng, 0, kFemaleFirst.size() - 1))];
    const NamePair& last = kLast[size_t(uniform(rng, 0, kLast.size() - 1))];
    const QDate birth(uniform(rng, 1945, 2012), uniform(rng, 1, 12), uniform(rng, 1, 28));
    const int age = 2025 - birth.year();
    if (male) {
        id.nameTh.prefix = age < 15 ? th(u"เด็กชาย") : th(u"นาย");
        id.nameEn.prefix = age < 15 ? QStringLiteral("Master") : QStringLiteral("Mr.");
    } else {
        const bool married = age >= 25 && uniform(rng, 0, 1) == 0;
        id.nameTh.prefix = age < 15 ? th(u"เด็กหญิง") : (married ? th(u"นาง") : th(u"นางสาว"));
        id.nameEn.prefix = age < 15 ? QStringLiteral("Miss")
                                    : (married ? QStringLiteral("Mrs.") : QStringLiteral("Miss"));
    }
    id.nameTh.first = th(first.th);
    id.nameTh.last = th(last.th);
    id.nameEn.first = QString::fromLatin1(first.en);
    id.nameEn.last = QString::fromLatin1(last.en);
    id.birthDate = card::CardDate{birth.year(), birth.month(), birth.day()};
    const int issueYear = uniform(rng, std::max(2016, birth.year() + 7), 2025);
    id.issueDate = QDate(issueYear, uniform(rng, 1, 12), uniform(rng, 1, 28));
    // Cards run to the holder's birthday eight years after issue.
    id.expiryDate = QDate(issueYear + 8, birth.month(), birth.day()).addDays(-1);
    id.religion = th(u"พุทธ");
    id.address = th(kAddresses[size_t(uniform(rng, 0, kAddresses.size() - 1))]);
    id.laserCode = randomLaserCode(rng);
    if (!photos.isEmpty()) {
        id.photoPath = photos[uniform(rng, 0, int(photos.size()) - 1)];
    }
    return id;
}

Result<CardIdentity, QString> identityFromCitizenFile(const QString& path,
                                                      const QString& sharedDataDir) {
    auto citizen = sim::vcard::VirtualCitizen::fromFile(path);
    if (!citizen) {
        return fail(citizen.error());
    }
    const auto& c = *citizen;
    CardIdentity id;
    id.cid = c.cid;
    auto toName = [](const QStringList& parts) {
        card::PersonName n;
        n.prefix = parts.value(0);
        n.first = parts.value(1);
        n.middle = parts.value(2);
        n.last = parts.value(3);
        return n;
    };
    id.nameTh = toName(c.nameTh);
    id.nameEn = toName(c.nameEn);
    if (const auto b = card::parseBuddhistDate(c.birthDate.toLatin1()); b) {
        id.birthDate = *b;
    }
    id.issueDate = fromBe(c.issueDate);
    id.lifelong = c.expiryDate == QLatin1String("99999999");
    if (!id.lifelong) {
        id.expiryDate = fromBe(c.expiryDate);
    }
    id.religion = th(u"พุทธ");
    QStringList address;
    for (const QString& part : c.address) {
        if (!part.isEmpty()) {
            address << part;
        }
    }
    id.address = address.join(QLatin1Char(' '));
    id.laserCode = c.laserCode;
    id.laserCode.remove(QLatin1Char('-'));
    if (!c.photoPath.isEmpty()) {
        auto portrait = c.loadPortrait(sharedDataDir);
        if (!portrait) {
            return fail(portrait.error());
        }
        id.photo = *portrait;
    }
    return id;
}

QStringList facePhotos(const QString& sharedDataDir) {
    QStringList out;
    QDirIterator it(QDir(sharedDataDir).filePath(QStringLiteral("faces/dlib-johns")),
                    {QStringLiteral("*.jpg")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        out << it.next();
    }
    out.sort();
    return out;
}

}  // namespace kiosk::cardgen
