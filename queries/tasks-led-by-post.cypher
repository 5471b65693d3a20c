// name: tasks-led-by-post
// description: 牵头领导只写了岗位（如“区政府分管领导”）、没有写明是谁的任务（审计）。Tasks whose lead is named by post only.
// parameters: subdistrict — 发文机关名称；null 表示全部
// example: :param subdistrict => '青溪区'
MATCH (t:Task)
WHERE ($subdistrict IS NULL OR t.subdistrict = $subdistrict) AND t.valid_to IS NULL
  AND size(coalesce(t.lead_posts, [])) > 0 AND NOT EXISTS { (:Official)-[l:LEADS]->(t) WHERE l.valid_to IS NULL }
RETURN t.subdistrict AS subdistrict, t.id AS task_id, t.number AS number, t.name AS task, t.lead_posts AS posts,
       t.evidence_file AS file, t.evidence_line AS line
ORDER BY subdistrict, line
