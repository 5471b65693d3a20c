// name: tasks-without-assignment
// description: 没有牵头领导（也没有只写岗位的牵头）或没有责任部门的任务（审计）。Tasks with no lead (not even a post) or no responsible unit.
// parameters: subdistrict — 街道名称；null 表示全部街道
// example: :param subdistrict => '潍坊新村街道'
MATCH (t:Task)
WHERE ($subdistrict IS NULL OR t.subdistrict = $subdistrict) AND t.valid_to IS NULL
OPTIONAL MATCH (o:Official)-[l:LEADS]->(t) WHERE l.valid_to IS NULL
OPTIONAL MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t) WHERE r.valid_to IS NULL
WITH t, collect(DISTINCT o.name) AS leads, collect(DISTINCT u.name) AS responsible
WITH t, leads, responsible, size(leads) = 0 AND size(coalesce(t.lead_posts, [])) = 0 AS without_lead
WHERE without_lead OR size(responsible) = 0
RETURN t.subdistrict AS subdistrict, t.id AS task_id, t.number AS number, t.name AS task,
       without_lead, size(responsible) = 0 AS without_responsible_unit,
       t.evidence_file AS file, t.evidence_line AS line
ORDER BY subdistrict, line
