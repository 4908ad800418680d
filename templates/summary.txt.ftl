<#-- Summary mail for the office at each close, plain-text part. Variables: see README.md. -->
${issuer.parent}
${issuer.name}

TỔNG HỢP KẾT QUẢ KHEN THƯỞNG NĂM ${period}

Tổng số: ${counts.total}; khen thưởng: ${counts.granted}; đề nghị cấp trên khen thưởng: ${counts.proposed}; tạm hoãn: ${counts.withheld}.

<#list awards as a>
${a?counter}. ${a.name} - ${a.recipient}
   Trạng thái: ${a.statusText}<#if a.holdReason?has_content> (${a.holdReason})</#if>
   Số thông báo: <#if a.letterNumber?has_content>${a.letterNumber}<#else>Không gửi thông báo</#if>
   Mã khen thưởng: ${a.id}
<#else>
Không có khen thưởng nào.
</#list>

Thư này do hệ thống Trục tích hợp Thi đua - Khen thưởng gửi tự động khi khóa sổ kỳ thi đua năm ${period}.
