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
<context>
    <name>MaintenanceList</name>
    <message>
        <source>Nothing to show.</source>
        <translation>ไม่มีรายการ</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>เครื่องอ่านบัตร</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>กล้อง</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>เครื่องพิมพ์</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>เครือข่าย</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>พื้นที่จัดเก็บ</translation>
    </message>
    <message>
        <source>Backend</source>
        <translation>ระบบหลังบ้าน</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>รอส่ง</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>เก่าที่สุด</translation>
    </message>
    <message>
        <source>Test card</source>
        <translation>บัตรทดสอบ</translation>
    </message>
    <message>
        <source>Camera and face</source>
        <translation>กล้องและใบหน้า</translation>
    </message>
    <message>
        <source>Test receipt</source>
        <translation>พิมพ์ใบเสร็จทดสอบ</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <source>Maintenance · %1 (%2)</source>
        <translation>งานบำรุงรักษา · %1 (%2)</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>หัวหน้าช่าง</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>ช่างเทคนิค</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>งานบำรุงรักษา</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>ออกจากระบบ</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>ออกจากเมนู</translation>
    </message>
    <message>
        <source>Device status</source>
        <translation>สถานะอุปกรณ์</translation>
    </message>
    <message>
        <source>Self-tests</source>
        <translation>ทดสอบตัวเอง</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>บันทึกการทำงาน</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>งานรอส่ง</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>การตั้งค่า</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>เริ่มระบบใหม่</translation>
    </message>
    <message>
        <source>Logs (personal data removed)</source>
        <translation>บันทึกการทำงาน (ตัดข้อมูลส่วนบุคคลออกแล้ว)</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>เรียบร้อย</translation>
    </message>
    <message>
        <source>Failed. See the list for details.</source>
        <translation>ไม่สำเร็จ ดูรายละเอียดในรายการ</translation>
    </message>
    <message>
        <source>A supervisor is needed for this.</source>
        <translation>ต้องใช้สิทธิ์หัวหน้าช่าง</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>รีเฟรช</translation>
    </message>
    <message>
        <source>Read test card</source>
        <translation>อ่านบัตรทดสอบ</translation>
    </message>
    <message>
        <source>Camera and face</source>
        <translation>กล้องและใบหน้า</translation>
    </message>
    <message>
        <source>Test receipt</source>
        <translation>พิมพ์ใบเสร็จทดสอบ</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>ส่งใหม่ตอนนี้</translation>
    </message>
    <message>
        <source>Restart the kiosk now</source>
        <translation>เริ่มตู้บริการใหม่ตอนนี้</translation>
    </message>
    <message>
        <source>Running configuration version: %1</source>
        <translation>รุ่นการตั้งค่าที่ใช้อยู่: %1</translation>
    </message>
    <message>
        <source>The kiosk returns to the welcome screen in about half a minute.</source>
        <translation>ตู้บริการจะกลับสู่หน้าต้อนรับในประมาณครึ่งนาที</translation>
    </message>
    <message>
        <source>Choose a test above.</source>
        <translation>เลือกการทดสอบด้านบน</translation>
    </message>
    <message>
        <source>Nothing to show.</source>
        <translation>ไม่มีรายการ</translation>
    </message>
</context>
<context>
    <name>MaintenanceSignIn</name>
    <message>
        <source>Technician sign-in</source>
        <translation>เข้าสู่ระบบช่างเทคนิค</translation>
    </message>
    <message>
        <source>Technician ID</source>
        <translation>รหัสช่างเทคนิค</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>รหัส PIN</translation>
    </message>
    <message numerus="yes">
        <source>Wrong ID or PIN. %n attempt(s) left before the lock.</source>
        <translation>
            <numerusform>รหัสหรือ PIN ไม่ถูกต้อง เหลืออีก %n ครั้งก่อนระบบล็อก</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Sign-in is locked for %n minute(s).</source>
        <translation>
            <numerusform>ลองผิดหลายครั้งเกินไป ระบบล็อกการเข้าใช้ %n นาที</numerusform>
        </translation>
    </message>
    <message>
        <source>Maintenance is not set up on this kiosk.</source>
        <translation>ตู้บริการนี้ยังไม่ได้ตั้งค่างานบำรุงรักษา</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>ตกลง</translation>
    </message>
</context>
</TS>
