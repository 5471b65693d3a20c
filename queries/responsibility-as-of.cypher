// name: responsibility-as-of
// description: 某一天有效的分工：每项任务的牵头领导、责任部门、配合部门，按文件的日期（valid_from ≤ 日期 < valid_to），每个事实带出处。Who led and who was responsible for each task on a date.
// parameters: date — 日期，ISO 写法（如 2024-06-30）; subdistrict — 发文机关名称；null 表示全部
// example: :param date => '2024-06-30'
// example: :param subdistrict => null
MATCH (x)-[r:LEADS|RESPONSIBLE_FOR|COOPERATES_ON]->(t:Task)
WHERE ($subdistrict IS NULL OR t.subdistrict = $subdistrict)
  AND (r.valid_from IS NULL OR r.valid_from <= $date) AND (r.valid_to IS NULL OR r.valid_to > $date)
RETURN t.subdistrict AS subdistrict, t.number AS number, t.name AS task, type(r) AS relation, x.name AS name,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.evidence_file AS file, r.evidence_line AS line
ORDER BY subdistrict, number, task, relation, name
