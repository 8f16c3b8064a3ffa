<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
<context>
    <name>AttractScreen</name>
    <message>
        <source>Government Services Kiosk</source>
        <translation>ตู้บริการภาครัฐ</translation>
    </message>
    <message>
        <source>Prove who you are with your national ID card and use public services in one place.</source>
        <translation>ยืนยันตัวตนด้วยบัตรประจำตัวประชาชน แล้วใช้บริการภาครัฐได้ครบในที่เดียว</translation>
    </message>
    <message>
        <source>Touch the screen to start</source>
        <translation>แตะหน้าจอเพื่อเริ่มใช้งาน</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>ท่านยังใช้งานอยู่หรือไม่</translation>
    </message>
    <message numerus="yes">
        <source>For your privacy this session will end in %n second(s).</source>
        <translation>
            <numerusform>เพื่อความเป็นส่วนตัวของท่าน ระบบจะจบการใช้งานใน %n วินาที</numerusform>
        </translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>ยังใช้งานอยู่</translation>
    </message>
</context>
<context>
    <name>InsertCardScreen</name>
    <message>
        <source>Please insert your national ID card</source>
        <translation>กรุณาเสียบบัตรประจำตัวประชาชน</translation>
    </message>
    <message>
        <source>Chip facing up, into the slot below the screen. Leave the card in until you have finished.</source>
        <translation>หันด้านที่มีชิปขึ้น เสียบบัตรเข้าช่องใต้หน้าจอ และเสียบบัตรไว้จนกว่าจะใช้บริการเสร็จ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Smart Kiosk</source>
        <translation>ตู้บริการอัจฉริยะ</translation>
    </message>
    <message>
        <source>Kiosk %1 · version %2</source>
        <translation>ตู้บริการ %1 · รุ่น %2</translation>
    </message>
</context>
</TS>
