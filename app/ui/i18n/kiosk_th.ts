<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
    <context>
        <name>AccessibilityBar</name>
        <message>
            <source>Smaller text</source>
            <translation>ตัวอักษรเล็กลง</translation>
        </message>
        <message>
            <source>Larger text</source>
            <translation>ตัวอักษรใหญ่ขึ้น</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>สีตัดกันชัดเจน</translation>
        </message>
    </context>
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
        <name>BindingScreen</name>
        <message>
            <source>Link your Digital ID account</source>
            <translation>ผูกบัญชีดิจิทัลไอดีของท่าน</translation>
        </message>
        <message>
            <source>Enter the 6-digit code we sent to %1.</source>
            <translation>กรอกรหัส 6 หลักที่ส่งไปยัง %1</translation>
        </message>
        <message>
            <source>That code is not right. Please try again.</source>
            <translation>รหัสไม่ถูกต้อง กรุณาลองอีกครั้ง</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation>ไว้ภายหลัง</translation>
        </message>
    </context>
    <context>
        <name>CardImageScreen</name>
        <message>
            <source>Now show the back of your card</source>
            <translation>ต่อไป แสดงด้านหลังบัตรของท่าน</translation>
        </message>
        <message>
            <source>Show the front of your card</source>
            <translation>แสดงด้านหน้าบัตรของท่าน</translation>
        </message>
        <message>
            <source>Turn the card over and hold the back inside the frame, under the camera.</source>
            <translation>พลิกบัตร แล้วถือด้านหลังบัตรให้อยู่ในกรอบ ใต้กล้อง</translation>
        </message>
        <message>
            <source>Hold the front of your ID card, with your photo, inside the frame, under the camera.</source>
            <translation>ถือด้านหน้าบัตรประจำตัวประชาชนที่มีรูปถ่ายของท่านให้อยู่ในกรอบ ใต้กล้อง</translation>
        </message>
    </context>
    <context>
        <name>ComplaintScreen</name>
        <message>
            <source>Tell us what happened. Your name and card number are attached automatically.</source>
            <translation>เล่าเหตุการณ์ที่เกิดขึ้น ระบบจะแนบชื่อและเลขบัตรของท่านให้โดยอัตโนมัติ</translation>
        </message>
        <message>
            <source>Touch here to type</source>
            <translation>แตะที่นี่เพื่อพิมพ์</translation>
        </message>
        <message>
            <source>Please describe your complaint first.</source>
            <translation>กรุณาระบุเรื่องที่ต้องการร้องเรียนก่อน</translation>
        </message>
        <message>
            <source>Send complaint</source>
            <translation>ส่งเรื่องร้องเรียน</translation>
        </message>
    </context>
    <context>
        <name>EndingScreen</name>
        <message>
            <source>Thank you</source>
            <translation>ขอบคุณที่ใช้บริการ</translation>
        </message>
        <message>
            <source>Please take your card.</source>
            <translation>กรุณารับบัตรคืน</translation>
        </message>
        <message>
            <source>Your personal data has been erased from this kiosk.</source>
            <translation>ข้อมูลส่วนบุคคลของท่านถูกลบออกจากตู้นี้แล้ว</translation>
        </message>
    </context>
    <context>
        <name>EntitlementScreen</name>
        <message>
            <source>The check is not available offline. Please try again later.</source>
            <translation>ไม่สามารถตรวจสอบได้ขณะออฟไลน์ กรุณาลองใหม่ภายหลัง</translation>
        </message>
        <message>
            <source>You are covered</source>
            <translation>ท่านมีสิทธิรักษาพยาบาล</translation>
        </message>
        <message>
            <source>No coverage found</source>
            <translation>ไม่พบสิทธิรักษาพยาบาล</translation>
        </message>
        <message>
            <source>Universal Coverage Scheme (gold card)</source>
            <translation>สิทธิหลักประกันสุขภาพแห่งชาติ (บัตรทอง)</translation>
        </message>
        <message>
            <source>Social Security Scheme</source>
            <translation>สิทธิประกันสังคม</translation>
        </message>
        <message>
            <source>Civil Servant Medical Benefit Scheme</source>
            <translation>สิทธิสวัสดิการรักษาพยาบาลข้าราชการ</translation>
        </message>
        <message>
            <source>Registered hospital: %1</source>
            <translation>หน่วยบริการที่ลงทะเบียน: %1</translation>
        </message>
        <message>
            <source>Valid until %1</source>
            <translation>ใช้ได้ถึง %1</translation>
        </message>
    </context>
    <context>
        <name>ErrorScreen</name>
        <message>
            <source>Something went wrong</source>
            <translation>เกิดข้อผิดพลาด</translation>
        </message>
        <message>
            <source>End</source>
            <translation>จบการใช้งาน</translation>
        </message>
        <message>
            <source>Your card could not be read. Take it out, check the chip is clean, and insert it again.</source>
            <translation>อ่านบัตรไม่ได้ กรุณาดึงบัตรออก ตรวจดูว่าชิปสะอาด แล้วเสียบบัตรใหม่</translation>
        </message>
        <message>
            <source>The camera is not working. Please use the service counter.</source>
            <translation>กล้องไม่ทำงาน กรุณาติดต่อเคาน์เตอร์บริการ</translation>
        </message>
        <message>
            <source>Please try again. If it happens again, please ask the staff for help.</source>
            <translation>กรุณาลองอีกครั้ง หากยังเกิดขึ้นอีก กรุณาขอความช่วยเหลือจากเจ้าหน้าที่</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>ลองอีกครั้ง</translation>
        </message>
        <message>
            <source>The card was taken out while it was being read. Insert it again and leave it in.</source>
            <translation>บัตรถูกดึงออกระหว่างการอ่าน กรุณาเสียบบัตรอีกครั้งและเสียบค้างไว้</translation>
        </message>
        <message>
            <source>This card is not a Thai national ID card.</source>
            <translation>บัตรนี้ไม่ใช่บัตรประจำตัวประชาชนไทย</translation>
        </message>
        <message>
            <source>The card reader is not working. Please use the service counter.</source>
            <translation>เครื่องอ่านบัตรไม่ทำงาน กรุณาติดต่อเคาน์เตอร์บริการ</translation>
        </message>
        <message>
            <source>The front of your card could not be read. Hold the front of the card, with your photo, up to the camera and try again.</source>
            <translation>อ่านข้อมูลด้านหน้าบัตรไม่ได้ กรุณาหันด้านหน้าบัตรที่มีรูปถ่ายเข้าหากล้องแล้วลองอีกครั้ง</translation>
        </message>
        <message>
            <source>The number on the back of your card could not be read. Hold the back of the card up to the camera and try again.</source>
            <translation>อ่านเลขหลังบัตรไม่ได้ กรุณาหันด้านหลังบัตรเข้าหากล้องแล้วลองอีกครั้ง</translation>
        </message>
        <message>
            <source>Your face could not be seen clearly. Look straight at the camera and try again.</source>
            <translation>มองไม่เห็นใบหน้าชัดเจน กรุณามองตรงไปที่กล้องแล้วลองอีกครั้ง</translation>
        </message>
    </context>
    <context>
        <name>FaceCaptureScreen</name>
        <message>
            <source>Look at the camera</source>
            <translation>มองที่กล้อง</translation>
        </message>
        <message>
            <source>Remove glasses, hat or mask. Keep your face inside the oval.</source>
            <translation>ถอดแว่นตา หมวก หรือหน้ากาก และให้ใบหน้าอยู่ในกรอบวงรี</translation>
        </message>
    </context>
    <context>
        <name>GuidanceText</name>
        <message>
            <source>Looking…</source>
            <translation>กำลังค้นหา…</translation>
        </message>
        <message>
            <source>Come a little closer</source>
            <translation>ขยับเข้ามาใกล้อีกนิด</translation>
        </message>
        <message>
            <source>Move back a little</source>
            <translation>ถอยออกไปอีกนิด</translation>
        </message>
        <message>
            <source>Move a little to the left</source>
            <translation>ขยับไปทางซ้ายเล็กน้อย</translation>
        </message>
        <message>
            <source>Move a little to the right</source>
            <translation>ขยับไปทางขวาเล็กน้อย</translation>
        </message>
        <message>
            <source>Hold still</source>
            <translation>อยู่นิ่ง ๆ</translation>
        </message>
        <message>
            <source>Tilt slightly to avoid reflections</source>
            <translation>เอียงเล็กน้อยเพื่อหลบแสงสะท้อน</translation>
        </message>
        <message>
            <source>Hold still, the picture is blurred</source>
            <translation>อยู่นิ่ง ๆ ภาพยังไม่ชัด</translation>
        </message>
        <message>
            <source>It is too dark</source>
            <translation>แสงน้อยเกินไป</translation>
        </message>
        <message>
            <source>Look straight at the camera</source>
            <translation>มองตรงไปที่กล้อง</translation>
        </message>
        <message>
            <source>Good, hold on…</source>
            <translation>ดีมาก ค้างไว้สักครู่…</translation>
        </message>
        <message>
            <source>Turn the card over</source>
            <translation>พลิกบัตรอีกด้าน</translation>
        </message>
        <message>
            <source>This is not a Thai national ID card</source>
            <translation>นี่ไม่ใช่บัตรประจำตัวประชาชนไทย</translation>
        </message>
        <message>
            <source>Hold the card flat, facing the camera</source>
            <translation>ถือบัตรให้ตรง หันเข้าหากล้อง</translation>
        </message>
        <message>
            <source>Only one person in front of the camera, please</source>
            <translation>ขอให้มีเพียงหนึ่งคนอยู่หน้ากล้อง</translation>
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
        <name>JourneyScreen</name>
        <message>
            <source>Cancel</source>
            <translation>ยกเลิก</translation>
        </message>
    </context>
    <context>
        <name>LivenessScreen</name>
        <message>
            <source>Follow the instruction</source>
            <translation>ทำตามคำแนะนำ</translation>
        </message>
        <message>
            <source>Blink your eyes</source>
            <translation>กะพริบตา</translation>
        </message>
        <message>
            <source>Turn your head to the left</source>
            <translation>หันศีรษะไปทางซ้าย</translation>
        </message>
        <message>
            <source>Turn your head to the right</source>
            <translation>หันศีรษะไปทางขวา</translation>
        </message>
        <message>
            <source>Smile</source>
            <translation>ยิ้ม</translation>
        </message>
        <message>
            <source>Get ready…</source>
            <translation>เตรียมพร้อม…</translation>
        </message>
        <message>
            <source>Step %1 of %2</source>
            <translation>ขั้นตอนที่ %1 จาก %2</translation>
        </message>
        <message>
            <source>DEMO: the challenge order follows a recording</source>
            <translation>สาธิต: ลำดับท่าทางเป็นไปตามวิดีโอที่บันทึกไว้</translation>
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
        <name>NumericKeypad</name>
        <message>
            <source>OK</source>
            <translation>ตกลง</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>ลบ</translation>
        </message>
    </context>
    <context>
        <name>OfflineBanner</name>
        <message>
            <source>Offline: your request is saved with tracking reference %1 and will be sent automatically.</source>
            <translation>ออฟไลน์: คำขอของท่านถูกบันทึกแล้ว เลขติดตาม %1 และจะส่งให้โดยอัตโนมัติ</translation>
        </message>
        <message>
            <source>Offline: some services are unavailable. Requests are saved and sent later.</source>
            <translation>ออฟไลน์: บางบริการใช้ไม่ได้ชั่วคราว คำขอจะถูกบันทึกและส่งภายหลัง</translation>
        </message>
    </context>
    <context>
        <name>PaymentScreen</name>
        <message>
            <source>%1 baht</source>
            <translation>%1 บาท</translation>
        </message>
        <message>
            <source>Scan the QR code with your banking app (PromptPay), then touch “I have paid”.</source>
            <translation>สแกนคิวอาร์โค้ดด้วยแอปธนาคาร (พร้อมเพย์) แล้วแตะ “ชำระเงินแล้ว”</translation>
        </message>
        <message>
            <source>Reference: %1</source>
            <translation>เลขอ้างอิง: %1</translation>
        </message>
        <message>
            <source>I have paid</source>
            <translation>ชำระเงินแล้ว</translation>
        </message>
    </context>
    <context>
        <name>PrivacyScreen</name>
        <message>
            <source>Privacy notice</source>
            <translation>ประกาศความเป็นส่วนตัว</translation>
        </message>
        <message>
            <source>To verify your identity this kiosk reads your national ID card, takes pictures of both sides of it and of your face, and compares them with the records of the Department of Provincial Administration.</source>
            <translation>เพื่อยืนยันตัวตน ตู้นี้จะอ่านบัตรประจำตัวประชาชน ถ่ายภาพบัตรทั้งด้านหน้าและด้านหลัง และใบหน้าของท่าน แล้วเปรียบเทียบกับข้อมูลของกรมการปกครอง</translation>
        </message>
        <message>
            <source>Your data stays in this kiosk only while you use it and is erased when you take your card or leave. Requests that cannot be sent now are kept encrypted until they are delivered.</source>
            <translation>ข้อมูลของท่านอยู่ในตู้นี้เฉพาะระหว่างการใช้งาน และจะถูกลบเมื่อท่านดึงบัตรออกหรือออกจากการใช้งาน คำขอที่ยังส่งไม่ได้จะถูกเก็บแบบเข้ารหัสจนกว่าจะส่งสำเร็จ</translation>
        </message>
        <message>
            <source>You may decline. You can then use the services at the counter instead.</source>
            <translation>ท่านสามารถปฏิเสธได้ และใช้บริการที่เคาน์เตอร์แทน</translation>
        </message>
        <message>
            <source>Notice version %1</source>
            <translation>ประกาศฉบับ %1</translation>
        </message>
        <message>
            <source>I do not agree</source>
            <translation>ไม่ยินยอม</translation>
        </message>
        <message>
            <source>I agree</source>
            <translation>ยินยอม</translation>
        </message>
    </context>
    <context>
        <name>QueueBookingScreen</name>
        <message>
            <source>Choose a time. Grey times are already taken.</source>
            <translation>เลือกเวลา เวลาสีเทามีผู้จองแล้ว</translation>
        </message>
        <message>
            <source>Please choose a time first.</source>
            <translation>กรุณาเลือกเวลาก่อน</translation>
        </message>
        <message>
            <source>Book this time</source>
            <translation>จองเวลานี้</translation>
        </message>
    </context>
    <context>
        <name>ReadingScreen</name>
        <message>
            <source>Reading your card</source>
            <translation>กำลังอ่านบัตร</translation>
        </message>
        <message>
            <source>Please do not remove your card.</source>
            <translation>กรุณาอย่าดึงบัตรออก</translation>
        </message>
        <message>
            <source>Connecting to the card</source>
            <translation>กำลังเชื่อมต่อกับบัตร</translation>
        </message>
        <message>
            <source>Name and identification number</source>
            <translation>ชื่อและเลขประจำตัวประชาชน</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>ที่อยู่</translation>
        </message>
        <message>
            <source>Photograph</source>
            <translation>รูปถ่าย</translation>
        </message>
    </context>
    <context>
        <name>RequestFormScreen</name>
        <message>
            <source>Please fill in every field marked *.</source>
            <translation>กรุณากรอกทุกช่องที่มีเครื่องหมาย *</translation>
        </message>
        <message>
            <source>from card</source>
            <translation>จากบัตร</translation>
        </message>
        <message>
            <source>Send request</source>
            <translation>ส่งคำขอ</translation>
        </message>
    </context>
    <context>
        <name>ResultScreen</name>
        <message>
            <source>Your identity is verified</source>
            <translation>ยืนยันตัวตนสำเร็จ</translation>
        </message>
        <message>
            <source>Verification pending</source>
            <translation>รอผลการยืนยันตัวตน</translation>
        </message>
        <message>
            <source>We could not verify your identity</source>
            <translation>ไม่สามารถยืนยันตัวตนได้</translation>
        </message>
        <message>
            <source>End</source>
            <translation>จบการใช้งาน</translation>
        </message>
        <message>
            <source>Identity assurance level IAL 2.3 achieved.</source>
            <translation>ผ่านการพิสูจน์ตัวตนระดับ IAL 2.3</translation>
        </message>
        <message>
            <source>IAL 2.3 is pending: one check could not be completed yet.</source>
            <translation>IAL 2.3 อยู่ระหว่างรอผล: ยังมีการตรวจสอบหนึ่งรายการที่ไม่เสร็จสิ้น</translation>
        </message>
        <message>
            <source>IAL 2.3 was not achieved.</source>
            <translation>ไม่ผ่านการพิสูจน์ตัวตนระดับ IAL 2.3</translation>
        </message>
        <message>
            <source>Your face did not match the photo on your card.</source>
            <translation>ใบหน้าของท่านไม่ตรงกับรูปบนบัตร</translation>
        </message>
        <message>
            <source>The camera could not confirm that a live person was present.</source>
            <translation>กล้องไม่สามารถยืนยันได้ว่าเป็นบุคคลจริงอยู่หน้าตู้</translation>
        </message>
        <message>
            <source>This card is no longer valid.</source>
            <translation>บัตรนี้ไม่สามารถใช้งานได้แล้ว</translation>
        </message>
        <message>
            <source>The verification service cannot be reached right now.</source>
            <translation>ขณะนี้ไม่สามารถติดต่อบริการยืนยันตัวตนได้</translation>
        </message>
        <message>
            <source>The check with the civil registration is not finished.</source>
            <translation>การตรวจสอบกับทะเบียนราษฎรยังไม่เสร็จสิ้น</translation>
        </message>
        <message>
            <source>You can now use the online services.</source>
            <translation>ท่านสามารถใช้บริการออนไลน์ได้แล้ว</translation>
        </message>
        <message>
            <source>You can use the services now; requests are sent once the check is done. You will receive an SMS.</source>
            <translation>ท่านใช้บริการได้ทันที คำขอจะถูกส่งเมื่อการตรวจสอบเสร็จ และท่านจะได้รับ SMS แจ้งผล</translation>
        </message>
        <message>
            <source>Try again, or go to the service counter with your ID card.</source>
            <translation>ลองอีกครั้ง หรือนำบัตรประจำตัวประชาชนไปติดต่อที่เคาน์เตอร์บริการ</translation>
        </message>
        <message>
            <source>Reference: %1</source>
            <translation>เลขอ้างอิง: %1</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>ลองอีกครั้ง</translation>
        </message>
        <message>
            <source>Finish</source>
            <translation>เสร็จสิ้น</translation>
        </message>
        <message>
            <source>Continue</source>
            <translation>ดำเนินการต่อ</translation>
        </message>
        <message>
            <source>The printed card does not match the data on its chip.</source>
            <translation>ข้อมูลที่พิมพ์บนบัตรไม่ตรงกับข้อมูลในชิป</translation>
        </message>
        <message>
            <source>Not every check could be completed.</source>
            <translation>ไม่สามารถตรวจสอบได้ครบทุกขั้นตอน</translation>
        </message>
        <message>
            <source>Your Digital ID account could not be updated.</source>
            <translation>ไม่สามารถปรับปรุงบัญชีดิจิทัลไอดีของคุณได้</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>Back</source>
            <translation>ย้อนกลับ</translation>
        </message>
    </context>
    <context>
        <name>ServicesHomeScreen</name>
        <message>
            <source>Hello, %1</source>
            <translation>สวัสดี %1</translation>
        </message>
        <message>
            <source>What would you like to do?</source>
            <translation>ท่านต้องการใช้บริการใด</translation>
        </message>
        <message>
            <source>Finish</source>
            <translation>เสร็จสิ้น</translation>
        </message>
    </context>
    <context>
        <name>StatusScreen</name>
        <message>
            <source>Request saved offline</source>
            <translation>คำขอที่บันทึกไว้ขณะออฟไลน์</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>ได้รับแล้ว</translation>
        </message>
        <message>
            <source>Being reviewed</source>
            <translation>อยู่ระหว่างพิจารณา</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>อนุมัติแล้ว</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>ไม่อนุมัติ</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>ดำเนินการเสร็จสิ้น</translation>
        </message>
        <message>
            <source>Waiting to be sent</source>
            <translation>รอส่ง</translation>
        </message>
    </context>
    <context>
        <name>SubmittedScreen</name>
        <message>
            <source>Sending…</source>
            <translation>กำลังส่ง…</translation>
        </message>
        <message>
            <source>Request saved</source>
            <translation>บันทึกคำขอแล้ว</translation>
        </message>
        <message>
            <source>Request sent</source>
            <translation>ส่งคำขอแล้ว</translation>
        </message>
        <message>
            <source>The service is offline. Your request is stored securely on this kiosk and will be sent automatically.</source>
            <translation>ระบบบริการออฟไลน์อยู่ คำขอของท่านถูกเก็บอย่างปลอดภัยในตู้นี้และจะส่งให้โดยอัตโนมัติ</translation>
        </message>
        <message>
            <source>Tracking reference</source>
            <translation>เลขติดตาม</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>เลขอ้างอิง</translation>
        </message>
        <message>
            <source>Please take your receipt.</source>
            <translation>กรุณารับใบรับรายการ</translation>
        </message>
        <message>
            <source>The receipt could not be printed. Please note the reference.</source>
            <translation>พิมพ์ใบรับรายการไม่ได้ กรุณาจดเลขอ้างอิงไว้</translation>
        </message>
        <message>
            <source>Other services</source>
            <translation>บริการอื่น</translation>
        </message>
        <message>
            <source>Finish</source>
            <translation>เสร็จสิ้น</translation>
        </message>
    </context>
    <context>
        <name>VerifyingScreen</name>
        <message>
            <source>Checking your identity</source>
            <translation>กำลังตรวจสอบตัวตน</translation>
        </message>
        <message>
            <source>Comparing your card, your face and the official records. This takes a few seconds.</source>
            <translation>กำลังเปรียบเทียบบัตร ใบหน้า และข้อมูลทางราชการ ใช้เวลาสักครู่</translation>
        </message>
    </context>
    <context>
        <name>kiosk::ui::Session</name>
        <message>
            <source>Please blink your eyes</source>
            <translation>กรุณากะพริบตา</translation>
        </message>
        <message>
            <source>Please turn your head to the left</source>
            <translation>กรุณาหันศีรษะไปทางซ้าย</translation>
        </message>
        <message>
            <source>Please turn your head to the right</source>
            <translation>กรุณาหันศีรษะไปทางขวา</translation>
        </message>
        <message>
            <source>Please smile</source>
            <translation>กรุณายิ้ม</translation>
        </message>
        <message>
            <source>Smart Kiosk receipt</source>
            <translation>ใบรับรายการ ตู้บริการอัจฉริยะ</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>บริการ</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>เลขอ้างอิง</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>สถานะ</translation>
        </message>
        <message>
            <source>Saved on the kiosk, will be sent when online</source>
            <translation>บันทึกไว้ในตู้ จะส่งเมื่อกลับมาออนไลน์</translation>
        </message>
        <message>
            <source>Received by the portal</source>
            <translation>ระบบได้รับคำขอแล้ว</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>วันที่</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>วันเวลานัดหมาย</translation>
        </message>
        <message>
            <source>Amount (THB)</source>
            <translation>จำนวนเงิน (บาท)</translation>
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
        <message>
            <source>Next attempt</source>
            <translation>ส่งครั้งถัดไป</translation>
        </message>
        <message>
            <source>Failed for good</source>
            <translation>ส่งไม่สำเร็จถาวร</translation>
        </message>
        <message>
            <source>Delivered</source>
            <translation>ส่งแล้ว</translation>
        </message>
        <message>
            <source>Storage</source>
            <translation>พื้นที่จัดเก็บ</translation>
        </message>
        <message>
            <source>Delivery</source>
            <translation>การส่ง</translation>
        </message>
        <message>
            <source>Outbox</source>
            <translation>งานรอส่ง</translation>
        </message>
    </context>
    <context>
        <name>MaintenanceCameraPanel</name>
        <message>
            <source>Face passes the quality check</source>
            <translation>ใบหน้าผ่านการตรวจคุณภาพ</translation>
        </message>
        <message>
            <source>No face in view</source>
            <translation>ไม่พบใบหน้าในภาพ</translation>
        </message>
        <message>
            <source>More than one face in view</source>
            <translation>พบใบหน้ามากกว่าหนึ่งคน</translation>
        </message>
        <message>
            <source>Too far from the camera</source>
            <translation>อยู่ไกลกล้องเกินไป</translation>
        </message>
        <message>
            <source>Too close to the camera</source>
            <translation>อยู่ใกล้กล้องเกินไป</translation>
        </message>
        <message>
            <source>Face partly outside the picture</source>
            <translation>ใบหน้าอยู่นอกภาพบางส่วน</translation>
        </message>
        <message>
            <source>Head turned</source>
            <translation>หันศีรษะ</translation>
        </message>
        <message>
            <source>Head tilted up or down</source>
            <translation>เงยหรือก้มศีรษะ</translation>
        </message>
        <message>
            <source>Head tilted sideways</source>
            <translation>เอียงศีรษะ</translation>
        </message>
        <message>
            <source>Picture blurred</source>
            <translation>ภาพไม่คมชัด</translation>
        </message>
        <message>
            <source>Face too dark</source>
            <translation>ใบหน้ามืดเกินไป</translation>
        </message>
        <message>
            <source>Face too bright</source>
            <translation>ใบหน้าสว่างเกินไป</translation>
        </message>
        <message>
            <source>Eyes closed</source>
            <translation>หลับตา</translation>
        </message>
        <message>
            <source>Starting the camera…</source>
            <translation>กำลังเปิดกล้อง…</translation>
        </message>
        <message>
            <source>Stop camera</source>
            <translation>หยุดกล้อง</translation>
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
        <message>
            <source>Working…</source>
            <translation>กำลังดำเนินการ…</translation>
        </message>
        <message>
            <source>Not available on this kiosk.</source>
            <translation>ตู้นี้ไม่มีรายการนี้</translation>
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