// name: changes-between
// description: 两个日期之间（晚于 from、不晚于 to）开始或结束的分工与领导小组事实：牵头、责任、配合、问责、负责人、小组成员，每个带日期与出处。What began or ended between two dates.
// parameters: from — 起始日期（不含），ISO 写法; to — 截止日期（含），ISO 写法; subdistrict — 发文机关名称；null 表示全部
// example: :param from => '2024-01-01'
// example: :param to => '2025-12-31'
// example: :param subdistrict => null
MATCH (a)-[r:LEADS|RESPONSIBLE_FOR|COOPERATES_ON|ACCOUNTABLE_FOR|HEADS|MEMBER_OF]->(b)
WHERE ($subdistrict IS NULL OR a.subdistrict = $subdistrict)
  AND ((r.valid_from > $from AND r.valid_from <= $to) OR (r.valid_to > $from AND r.valid_to <= $to))
UNWIND [c IN [['added', r.valid_from], ['removed', r.valid_to]] WHERE c[1] > $from AND c[1] <= $to] AS change
RETURN a.subdistrict AS subdistrict, change[1] AS date, change[0] AS change, type(r) AS relation,
       a.name AS name, labels(b)[0] AS target_kind, b.number AS number, b.name AS target,
       coalesce(r.role, r.position) AS role, r.evidence_file AS file, r.evidence_line AS line
ORDER BY subdistrict, date, change, relation, name, number, target
