"""Traditional script (組長, 張高遠 國務院副總理) read as simplified, character for character, so that the same rules apply."""

from __future__ import annotations

__all__ = ["SIMPLIFIED", "simplified", "as_written"]

# The characters of the genre as (traditional, simplified) pairs: roles, posts, bodies, places, common surnames and
# given names, the words of a notice. One character for one, so that offsets stay the same.
_PAIRS = """
組组 員员 長长 務务 揮挥 總总 會会 議议 辦办 導导 調调 設设 執执 領领 關关 於于 為为 爲为 國国 廳厅 區区 縣县 鎮镇 鄉乡 黨党 協协
財财 發发 體体 經经 濟济 衛卫 監监 業业 農农 內内 產产 聯联 電电 網网 資资 環环 護护 評评 論论 藝艺 術术 應应 險险 統统 計计
劃划 創创 標标 準准 營营 進进 運运 輸输 實实 際际 點点 來来 邊边 遼辽 寧宁 東东 廣广 灣湾 蘭兰 陝陕 貴贵 雲云 臺台 門门 豐丰
項项 義义 興兴 學学 師师 醫医 藥药 價价 職职 責责 負负 號号 專专 屬属 質质 華华 裝装 備备 歸归 檢检 審审 僑侨 書书 記记
處处 級级 幹干 賓宾 館馆 儀仪 戰战 極极 權权 選选 舉举 勞劳 動动 團团 歲岁 災灾 齊齐 燈灯 龍龙 馬马 魚鱼 鳥鸟
張张 陳陈 劉刘 黃黄 趙赵 吳吴 孫孙 鄭郑 馮冯 韓韩 楊杨 鄒邹 蔣蒋 謝谢 許许 葉叶 蘇苏 羅罗 鄧邓 盧卢 賈贾 韋韦 龐庞 錢钱 蕭萧
閻阎 萬万 顏颜 湯汤 陸陆 鍾钟 譚谭 魯鲁 顧顾 賴赖 費费 嚴严 呂吕 閔闵 聶聂 鄔邬 龔龚 歐欧 陽阳 遠远 紀纪 喬乔 鄺邝
曉晓 嵐岚 麗丽 紅红 軍军 輝辉 強强 偉伟 傑杰 濤涛 剛刚 寶宝 貞贞 鳳凤 鵬鹏 鶴鹤 蓮莲 靜静 嬌娇 艷艳 愛爱 輪轮 碩硕
慶庆 廈厦 澤泽 潔洁 淵渊 漢汉 濱滨 瀋沈 滬沪 臨临 蕪芜 贛赣 閩闽 粵粤 瓊琼 隴陇 烏乌 晉晋
這这 個个 們们 與与 從从 對对 將将 並并 無无 沒没 還还 時时 後后 當当 開开 間间 問问 題题 認认 識识 讓让 說说 話话 請请
幾几 樣样 種种 給给 現现 機机 構构 係系 則则 條条 層层 屆届 積积 綜综 維维 鐵铁 鋼钢 銀银 錄录 節节 約约 測测 證证 據据
規规 範范 態态 溫温 飲饮 樂乐 視视 聽听 線线 場场 倉仓 庫库 貨货 幣币 債债 車车 輛辆 駕驾 駛驶 訓训 練练 歷历 傳传 紹绍 報报 紙纸
競竞 賽赛 獎奖 勵励 參参 觀观 滅灭 氣气 煙烟 緊紧 預预 驗验 稅税 陣阵 衆众 眾众 謀谋 轉转 園园 圖图 勢势 鄰邻
廠厂 礦矿 漁渔 獸兽 禮礼 儲储 糧粮 鹽盐 壩坝 閘闸 澇涝 溝沟 灘滩 橋桥 郵邮 訊讯
貿贸 併并 購购 億亿 稱称 緝缉 獄狱 軟软 雙双 僅仅 壓压 擴扩 礎础 確确 奮奋 補补 齡龄 寫写
談谈 詢询 顯显 頭头 類类 願愿 順顺 須须 額额 風风 飛飞 養养 驅驱 髮发 鬥斗 鑒鉴 鑑鉴 錦锦 鎖锁 鍵键
牽牵 鏈链 優优 編编 續续 單单 閉闭 闊阔 陰阴 隊队 階阶 隨随 雜杂 難难 霧雾 靈灵 韌韧 響响 頁页 頒颁 頓顿 餘余 騰腾 鬆松 麥麦 齒齿
"""
SIMPLIFIED = str.maketrans({pair[0]: pair[1] for pair in _PAIRS.split()})


def simplified(text: str) -> str:
    """The text in simplified script, character for character (so every offset stays).

    Examples
    --------
    >>> simplified("組 長：張高遠 國務院副總理")
    '组 长：张高远 国务院副总理'
    """
    return text.translate(SIMPLIFIED)


def as_written(found: str, simple: str, original: str) -> str:
    """What ``found`` (read in ``simple``, the simplified form of ``original``) is as ``original`` writes it;
    spaces do not count (a name read from 張 高遠 is 張高遠).

    Examples
    --------
    >>> as_written("张高远", simplified("組長：張 高遠"), "組長：張 高遠")
    '張高遠'
    """
    simple_flat, original_flat = "".join(simple.split()), "".join(original.split())
    at = simple_flat.find(found)
    return original_flat[at: at + len(found)] if at != -1 and simple_flat != original_flat else found
