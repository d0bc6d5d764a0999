-- 好差评 of an answered message (一事一评, 国办发〔2019〕51号's five levels) and the rectification a 差评 opens (ADR 0019).
CREATE TABLE message_ratings (
  message_id      bigint PRIMARY KEY REFERENCES messages(id),
  level           integer NOT NULL CHECK (level BETWEEN 1 AND 5),   -- 5 非常满意 … 1 非常不满意
  tags            text[] NOT NULL DEFAULT '{}',
  comment         text NOT NULL DEFAULT '',
  rated_at        timestamptz NOT NULL,
  rectify_due_on  date,                                             -- set for 不满意 and 非常不满意
  rectified_on    date,
  rectification   text NOT NULL DEFAULT '',                         -- what was done, and the call-back (回访)
  callback_result text NOT NULL DEFAULT ''
);
