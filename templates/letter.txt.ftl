<#-- Notification letter [thông báo khen thưởng], plain-text part. Layout of Nghị định 30/2020/NĐ-CP, art. 8.
     Variables: see README.md. Every value is one line (line breaks in names are replaced by spaces). -->
${issuer.parent?right_pad(39)} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
${issuer.name?right_pad(43)} Độc lập - Tự do - Hạnh phúc
${("Số: " + letter.number)?right_pad(37)} ${letter.placeAndDate}

                                THÔNG BÁO
              Về việc khen thưởng ${award.name}

    Căn cứ ${reason.legalBasis};
    Căn cứ kết quả chấm điểm, xếp hạng thi đua năm ${award.period},
    Hội đồng Thi đua - Khen thưởng tỉnh ${issuer.place} thông báo:

<#if recipient.type == "PERSON">
<#assign who = "Cá nhân " + recipient.name + ", " + recipient.unitName + ",">
<#elseif recipient.type == "BLOCK">
<#assign who = recipient.name + " (đơn vị trưởng khối: " + recipient.unitName + ")">
<#else>
<#assign who = recipient.name>
</#if>
<#if award.proposed>
    ${who} được Hội đồng Thi đua - Khen thưởng tỉnh đề nghị cấp trên khen thưởng ${award.name} năm ${award.period}.
<#else>
    ${who} được tặng <#if award.code == "CHIEN_SI_THI_DUA_TINH">danh hiệu </#if>${award.name} năm ${award.period}.
</#if>

    Lý do: ${reason.rule}.
<#if reason.facts?has_content>
    Thành tích cụ thể:
<#list reason.facts as fact>
      - ${fact}${fact?has_next?then(";", ".")}
</#list>
</#if>

<#if award.proposed>
    Thường trực Hội đồng hoàn thiện hồ sơ, trình cấp trên xem xét, quyết định. Tệp PDF gửi kèm ghi nhận nội dung đề nghị.
<#else>
    Giấy chứng nhận khen thưởng (tệp PDF) được gửi kèm theo thông báo này.
</#if>
<#if certificate.signed>
    Tệp PDF gửi kèm được ký số bởi ${certificate.signer}; mọi thay đổi sau khi ký sẽ làm chữ ký số không còn hợp lệ.
</#if>
<#if certificate.verifyUrl?has_content>
    Mã xác thực: ${letter.verificationCode}. Để xác thực thông báo này và tệp đính kèm, quét mã QR trên tệp PDF hoặc truy cập ${certificate.verifyUrl}.
<#else>
    Mã xác thực: ${letter.verificationCode}. Để xác thực thông báo này và tệp đính kèm, đề nghị gửi số thông báo (${letter.number}) và mã xác thực tới Thường trực Hội đồng Thi đua - Khen thưởng tỉnh qua địa chỉ ${issuer.officeEmail}.
</#if>

                                                   TM. HỘI ĐỒNG
                                                   ${issuer.signerTitle}


                                                   ${issuer.signerName}

Nơi nhận:
<#list to as r>
- <#if r.office>Thường trực Hội đồng TĐKT tỉnh<#else>${r.name}</#if> (${r.email});
</#list>
<#list cc as r>
- <#if r.office>Thường trực Hội đồng TĐKT tỉnh<#else>${r.name}</#if> (${r.email}, để biết);
</#list>
- Lưu: VT, TĐKT.
