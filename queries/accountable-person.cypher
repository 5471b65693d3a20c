// name: accountable-person
// description: 每项任务的责任人：牵头领导，以及责任部门的负责人（问责对象）。Who answers for every task.
// parameters: subdistrict — 街道名称；null 表示全部街道
// example: :param subdistrict => '金杨新村街道'
MATCH (t:Task)
WHERE ($subdistrict IS NULL OR t.subdistrict = $subdistrict) AND t.valid_to IS NULL
OPTIONAL MATCH (lead:Official)-[l:LEADS]->(t) WHERE l.valid_to IS NULL
OPTIONAL MATCH (unit:Unit)-[r:RESPONSIBLE_FOR]->(t) WHERE r.valid_to IS NULL
OPTIONAL MATCH (acc:Official)-[a:ACCOUNTABLE_FOR]->(t) WHERE a.valid_to IS NULL
RETURN t.subdistrict AS subdistrict, t.number AS number, t.name AS task,
       collect(DISTINCT lead.name) AS leads, collect(DISTINCT unit.name) AS responsible_units,
       collect(DISTINCT acc.name) AS accountable, t.evidence_file AS file, t.evidence_line AS line
ORDER BY subdistrict, line
