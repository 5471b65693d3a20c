// name: subdistrict-tasks
// description: 一个街道的全部任务：牵头领导、责任部门、配合部门。The tasks of one 街道 with their lead, responsible and cooperating units.
// parameters: subdistrict — 街道名称
// example: :param subdistrict => '金杨新村街道'
MATCH (t:Task {subdistrict: $subdistrict}) WHERE t.valid_to IS NULL
OPTIONAL MATCH (o:Official)-[l:LEADS]->(t) WHERE l.valid_to IS NULL
OPTIONAL MATCH (r:Unit)-[rr:RESPONSIBLE_FOR]->(t) WHERE rr.valid_to IS NULL
OPTIONAL MATCH (c:Unit)-[cr:COOPERATES_ON]->(t) WHERE cr.valid_to IS NULL
RETURN t.number AS number, t.name AS task, collect(DISTINCT o.name) AS leads,
       collect(DISTINCT r.name) AS responsible, collect(DISTINCT c.name) AS cooperating,
       t.evidence_file AS file, t.evidence_line AS line
ORDER BY line
